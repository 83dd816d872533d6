using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Dsl.Cli.Tests;

/// <summary>
/// <c>dsl lsp</c> started the way LSP clients start a stdio server: VS Code's language client
/// (the extension in lsp/vscode uses <c>TransportKind.stdio</c>) runs <c>dsl lsp --stdio</c>.
/// </summary>
public sealed class LspCommandTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_language_server_answers_initialize_and_exits_0_after_shutdown(bool stdioFlag)
    {
        string[] args = stdioFlag ? ["lsp", "--stdio"] : ["lsp"];
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dsl.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DSL_CACHE"] = DslCli.SharedCache;
        using var server = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            Send(server, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}""");
            using var initialized = JsonDocument.Parse(await ReadMessageAsync(server.StandardOutput.BaseStream, timeout.Token));
            Assert.True(initialized.RootElement.TryGetProperty("result", out var result), initialized.RootElement.ToString());
            Assert.True(result.TryGetProperty("capabilities", out _));

            Send(server, """{"jsonrpc":"2.0","method":"initialized","params":{}}""");
            Send(server, """{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
            using var shutdown = JsonDocument.Parse(await ReadMessageAsync(server.StandardOutput.BaseStream, timeout.Token));
            Assert.Equal(2, shutdown.RootElement.GetProperty("id").GetInt32());
            Send(server, """{"jsonrpc":"2.0","method":"exit"}""");
            await server.WaitForExitAsync(timeout.Token);

            Assert.True(server.ExitCode == 0, $"exit {server.ExitCode}: {await errors}");
        }
        finally
        {
            if (!server.HasExited)
                server.Kill(entireProcessTree: true);
        }
    }

    private static void Send(Process server, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var stream = server.StandardInput.BaseStream;
        stream.Write(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        stream.Write(body);
        stream.Flush();
    }

    /// <summary>One base-protocol message: headers up to an empty line, then Content-Length bytes.</summary>
    private static async Task<string> ReadMessageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
                throw new EndOfStreamException("The server closed its output. Headers so far: " + header);
            header.Append((char)one[0]);
        }
        var length = int.Parse(header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return Encoding.UTF8.GetString(body);
    }
}
