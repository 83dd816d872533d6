using System.Diagnostics;
using System.Text.Json;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>
/// Runs tests/Dsl.Daemon.Tests/node/daemon.js, an independent grpc-js client, against a daemon.
/// Installs its locked dependencies with <c>npm ci</c> the first time.
/// </summary>
internal static class NodePeer
{
    private static readonly Lazy<bool> _available = new(() => Run("node", ["--version"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(10)).ExitCode == 0);
    private static readonly SemaphoreSlim _install = new(1, 1);

    public static string Folder => RepoPaths.Combine("tests", "Dsl.Daemon.Tests", "node");

    /// <summary>True when a <c>node</c> executable is on the PATH.</summary>
    public static bool Available => _available.Value;

    /// <summary>Runs <c>npm ci</c> unless node_modules is already there.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await _install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js")))
            {
                return;
            }

            var result = Run("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(3));
            Assert.True(result.ExitCode == 0, $"npm ci failed in {Folder}:\n{result.Stdout}\n{result.Stderr}");
        }
        finally
        {
            _install.Release();
        }
    }

    /// <summary>Runs one scenario of daemon.js and parses the JSON it prints.</summary>
    public static async Task<JsonElement> RunAsync(string scenario, TestDaemon server)
    {
        await EnsureInstalledAsync();
        var tokens = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["viewer"] = server.Viewer,
            ["operator"] = server.Operator,
            ["admin"] = server.Admin,
        });
        var environment = new Dictionary<string, string>
        {
            ["DSL_PEER_ADDRESS"] = $"{server.Daemon.Address.Host}:{server.Daemon.Address.Port}",
            ["DSL_PEER_TOKENS"] = tokens,
        };
        var result = await Task.Run(() => Run("node", ["daemon.js", scenario], Folder, TimeSpan.FromSeconds(60), environment));
        Assert.True(result.ExitCode == 0, $"daemon.js {scenario} exited with {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, $"timed out after {timeout}; {stderr.Result}");
            }

            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, string.Empty, e.Message);
        }
    }
}
