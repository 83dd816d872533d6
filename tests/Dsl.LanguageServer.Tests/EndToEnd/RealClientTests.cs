using Dsl.TestUtilities;
using Xunit.Abstractions;

namespace Dsl.LanguageServer.Tests.EndToEnd;

/// <summary>
/// Starts the language server as a real process and drives it with the reference LSP client
/// (npm vscode-languageserver-protocol) through e2e/client.js. The server is the
/// dsl-language-server host built next to the tests, or the command in DSL_LSP_COMMAND
/// (e.g. "dotnet run --project runtime/Dsl.Cli -- lsp").
/// </summary>
public sealed class RealClientTests(ITestOutputHelper output)
{
    private static readonly string _e2eDirectory = RepoPaths.Combine("tests", "Dsl.LanguageServer.Tests", "e2e");

    [NodeFact]
    public async Task A_real_lsp_client_gets_diagnostics_completion_hover_definition_rename_and_formatting()
    {
        await new NodeScript(_e2eDirectory, "client.js", TimeSpan.FromMinutes(3)).EnsureInstalledAsync();
        var node = NodeJs.Find("node") ?? throw new InvalidOperationException("node disappeared");
        var (exitCode, text) = await NodeJs.RunAsync(node, ["client.js", .. ServerCommand()], _e2eDirectory, TimeSpan.FromMinutes(3));
        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        Assert.Contains("0 failed", text);
    }

    private static IEnumerable<string> ServerCommand()
    {
        var configured = Environment.GetEnvironmentVariable("DSL_LSP_COMMAND");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // The host is built with this test project (a ProjectReference), in the same configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var host = RepoPaths.Combine("lsp", "Dsl.LanguageServer.Host", "bin", configuration, "net10.0", "dsl-language-server.dll");
        Assert.True(File.Exists(host), $"The language server host was not built at {host}.");
        return [DotnetExecutable(), host];
    }

    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : NodeJs.Find("dotnet") ?? "dotnet";
}
