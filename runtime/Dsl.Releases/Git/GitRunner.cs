using System.Diagnostics;
using System.Text;

namespace Dsl.Releases.Git;

/// <summary>
/// Runs the <c>git</c> command-line client. Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/>, never a shell string, so no user text is ever
/// interpreted by a shell.
/// </summary>
public static class GitRunner
{
    /// <summary>Runs git in <paramref name="workingDirectory"/> and returns its exit code and output.</summary>
    public static GitResult Run(string workingDirectory, IEnumerable<string> arguments, string? input = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // Messages are parsed in a few places; keep them in English whatever the locale.
        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        // A bare repository (the daemon's jobs.git) is named to git, not found from the working
        // folder: there git would take a .git folder someone made inside it (git init in it) first,
        // and the daemon deploy that repository's branch, which no release check has seen.
        if (IsBareRepository(workingDirectory))
            start.Environment["GIT_DIR"] = Path.GetFullPath(workingDirectory);
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null)
                    start.Environment.Remove(name);
                else
                    start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new GitException("git could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false)))
        {
            if (input is not null)
                stdin.Write(input);
        }
        process.WaitForExit();
        return new GitResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static bool IsBareRepository(string folder) =>
        File.Exists(Path.Combine(folder, "HEAD")) && Directory.Exists(Path.Combine(folder, "objects")) && Directory.Exists(Path.Combine(folder, "refs"));

    /// <summary>Runs git and returns its standard output, throwing <see cref="GitException"/> when it fails.</summary>
    public static string Check(string workingDirectory, IEnumerable<string> arguments, string? input = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var args = arguments.ToArray();
        var result = Run(workingDirectory, args, input, environment);
        if (!result.Success)
            throw new GitException($"git {string.Join(' ', args)} failed: {result.Combined}");
        return result.Output;
    }
}
