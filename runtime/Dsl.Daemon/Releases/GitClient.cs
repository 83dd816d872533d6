using System.Diagnostics;
using System.Text;

namespace Dsl.Daemon.Releases;

/// <summary>Runs the <c>git</c> command-line client with an argument list (never a shell string).</summary>
internal static class GitClient
{
    /// <summary>Runs git; returns its exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never prompt: the daemon has no terminal.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs git and returns stdout; throws with git's message when it fails.</summary>
    public static string Check(IReadOnlyList<string> arguments)
    {
        var (code, stdout, stderr) = Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({code}): {stderr.Trim()}");
        }

        return stdout;
    }
}
