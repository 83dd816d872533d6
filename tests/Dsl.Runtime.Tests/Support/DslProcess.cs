using System.Diagnostics;
using Dsl.TestUtilities;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// The built <c>dsl</c> command, run as a real process (<c>dotnet dsl.dll …</c>). It is taken from the
/// CLI project's output for the configuration the tests were built in, and built once if absent.
/// </summary>
public static class DslProcess
{
    private static readonly Lazy<string> Dll = new(Locate);

    public static string Path => Dll.Value;

    public static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Runs to the end; returns the exit code and what it wrote to stderr.</summary>
    public static (int ExitCode, string Errors) Run(params string[] arguments)
    {
        using Process process = Start(arguments);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dsl {string.Join(' ', arguments)} did not finish.");
        }

        output.Wait();
        return (process.ExitCode, errors.Result);
    }

    private static string Locate()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string project = RepoPaths.Combine("runtime", "Dsl.Cli");
        string dll = System.IO.Path.Combine(project, "bin", configuration, "net10.0", "dsl.dll");
        if (!File.Exists(dll))
        {
            var build = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
            foreach (string argument in new[] { "build", project, "-c", configuration, "--nologo", "-v", "q" })
            {
                build.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(build) ?? throw new InvalidOperationException("dotnet build did not start.");
            string log = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"Could not build {project}:\n{log}");
            }
        }

        return dll;
    }
}
