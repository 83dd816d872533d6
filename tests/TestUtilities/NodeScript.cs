using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Dsl.TestUtilities;

/// <summary>
/// A node.js script used as an independent peer (a grpc-js client, a language client): installs
/// its locked dependencies with <c>npm ci</c> the first time, runs one scenario with the given
/// environment, and parses the JSON it prints.
/// </summary>
public sealed class NodeScript(string folder, string script, TimeSpan timeout)
{
    private static readonly Lazy<bool> _available = new(() => Run("node", ["--version"], Directory.GetCurrentDirectory(), TimeSpan.FromSeconds(10)).ExitCode == 0);

    // One install at a time: parallel test classes share the folder.
    private static readonly SemaphoreSlim _install = new(1, 1);

    /// <summary>True when a <c>node</c> executable is on the PATH.</summary>
    public static bool Available => _available.Value;

    public string Folder { get; } = folder;

    /// <summary>Runs <c>npm ci</c> unless node_modules is already there.</summary>
    public async Task EnsureInstalledAsync()
    {
        await _install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules")))
                return;
            var result = Run("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(3));
            Assert.True(result.ExitCode == 0, $"npm ci failed in {Folder}:\n{result.Stdout}\n{result.Stderr}");
        }
        finally
        {
            _install.Release();
        }
    }

    /// <summary>Runs one scenario of the script and parses the JSON it prints.</summary>
    public async Task<JsonElement> RunAsync(string scenario, IReadOnlyDictionary<string, string> environment)
    {
        await EnsureInstalledAsync();
        var result = await Task.Run(() => Run("node", [script, scenario], Folder, timeout, environment));
        Assert.True(result.ExitCode == 0, $"{script} {scenario} exited with {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan limit,
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
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, $"timed out after {limit}; {stderr.Result}");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, string.Empty, e.Message);
        }
    }
}
