using System.Diagnostics;
using Dsl.TestUtilities;

namespace Dsl.Cli.Tests;

/// <summary>
/// Runs the built <c>dsl</c> command as a user does: <c>dotnet dsl.dll ARGS</c> in a working folder,
/// with its own assembly cache (<c>DSL_CACHE</c>) so tests neither read nor fill the user's.
/// </summary>
public static class DslCli
{
    /// <summary>
    /// One cache for every test, beside the test assembly: a job compiled by one test (or an earlier
    /// run with the same compiler) is reused by the next, as for a user. Entries are keyed by the
    /// compiler's version, so a rebuilt compiler never meets a stale one.
    /// </summary>
    public static string SharedCache { get; } = Path.Combine(AppContext.BaseDirectory, "dsl-cache");

    private static readonly Lazy<CliResult> _warm = new(() =>
    {
        var directory = Directory.CreateTempSubdirectory("dsl-cli-warm-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "job.stream"), Jobs.Chained);
            return Run(directory, ["build", "job.stream", "-o", "out"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    });

    /// <summary>
    /// Compiles <see cref="Jobs.Chained"/> into the shared cache once, before the tests that run it
    /// start their own processes, so they do not all pay for the same compile at once.
    /// </summary>
    public static void WarmChainedJob() => Assert.True(_warm.Value.ExitCode == 0, _warm.Value.ToString());

    private static string DslDll => Path.Combine(AppContext.BaseDirectory, "dsl.dll");

    /// <summary>Runs <c>dsl</c> with its standard output sent to <paramref name="file"/> by the shell (<c>&gt; /dev/full</c>, say).</summary>
    public static CliResult RunWithOutputTo(string workingDirectory, string file, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            start.FileName = "/bin/sh";
            start.RedirectStandardOutput = false;
            string[] command = [.. start.ArgumentList];
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", "exec dotnet \"$@\" > \"$OUTPUT_FILE\"", "sh", .. command])
                start.ArgumentList.Add(word);
            start.Environment["OUTPUT_FILE"] = file;
        });

    /// <summary>
    /// Runs <c>dsl</c> with its standard output given as the shell redirection
    /// <paramref name="redirection"/> says: <c>&gt;&amp;-</c> closes it altogether (no descriptor 1
    /// at all, not a pipe), <c>1&lt;/dev/null</c> opens it only for reading.
    /// </summary>
    public static CliResult RunWithStandardOutput(string workingDirectory, string redirection, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            start.FileName = "/bin/sh";
            start.RedirectStandardOutput = false;
            string[] command = [.. start.ArgumentList];
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", $"exec dotnet \"$@\" {redirection}", "sh", .. command])
                start.ArgumentList.Add(word);
        });

    /// <summary>
    /// Runs <c>dsl</c> between two <c>echo</c>s of the shell, all three writing to
    /// <paramref name="file"/> through one open file, and dsl's standard error too
    /// (<c>{ echo before; dsl …; echo after; } &gt; FILE 2&gt;&amp;1</c>), as a script logs its steps.
    /// </summary>
    public static CliResult RunBetweenEchoesInto(string workingDirectory, string file, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            start.FileName = "/bin/sh";
            start.RedirectStandardOutput = false;
            string[] command = [.. start.ArgumentList];
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", "{ echo before; dotnet \"$@\"; code=$?; echo after; } > \"$OUTPUT_FILE\" 2>&1; exit $code", "sh", .. command])
                start.ArgumentList.Add(word);
            start.Environment["OUTPUT_FILE"] = file;
        });

    /// <summary>
    /// Runs <c>dsl</c> after the shell commands <paramref name="setup"/> in the same shell
    /// (<c>mkfifo in; cat records &gt; in &amp;</c>, say), so that what they start in the background
    /// runs alongside it.
    /// </summary>
    public static CliResult RunAfterShell(string workingDirectory, string setup, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            start.FileName = "/bin/sh";
            string[] command = [.. start.ArgumentList];
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", setup + "\nexec dotnet \"$@\"", "sh", .. command])
                start.ArgumentList.Add(word);
        });

    /// <summary>
    /// Runs <c>dsl</c> with its standard output piped into a reader that takes one byte and exits
    /// (<c>| head -c 1</c>); the exit code is dsl's, not the reader's.
    /// </summary>
    public static CliResult RunIntoClosedPipe(string workingDirectory, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            start.FileName = "/bin/sh";
            string[] command = [.. start.ArgumentList];
            start.ArgumentList.Clear();
            foreach (var word in (string[])["-c", "{ dotnet \"$@\"; echo $? > \"$EXIT_FILE\"; } | head -c 1 > /dev/null; exit $(cat \"$EXIT_FILE\")", "sh", .. command])
                start.ArgumentList.Add(word);
            start.Environment["EXIT_FILE"] = Path.Combine(workingDirectory, ".exit-code");
        });

    /// <summary>
    /// Runs <c>dsl</c> with its standard error on a terminal, as a user at a shell has it: the
    /// terminal is a pseudo-terminal (<see cref="Terminal.RunUnderScript"/>), whose transcript (what
    /// the terminal showed, line ends as <c>\r\n</c>) becomes <see cref="CliResult.StandardError"/>.
    /// Standard output goes to <paramref name="outputFile"/>, so the transcript is standard error's alone.
    /// </summary>
    public static CliResult RunWithErrorOnTerminal(string workingDirectory, string outputFile, params string[] args) =>
        RunWithErrorOnTerminal(workingDirectory, outputFile, args, term: "xterm");

    /// <summary>
    /// As <see cref="RunWithErrorOnTerminal(string, string, string[])"/>, on a terminal of the type
    /// <paramref name="term"/> (<c>TERM</c>); with <paramref name="outputFile"/> null, standard output
    /// is on the terminal too, and in the transcript with standard error.
    /// </summary>
    public static CliResult RunWithErrorOnTerminal(string workingDirectory, string? outputFile, string[] args, string term) =>
        Run(workingDirectory, args, start => Terminal.RunUnderScript(start, outputFile, term), swapStreams: true);

    /// <summary>Runs <c>dsl</c> stopped by file permissions, as a user other than root is (<see cref="FilePermissions"/>).</summary>
    public static CliResult RunWithFilePermissions(string workingDirectory, params string[] args) =>
        Run(workingDirectory, args, start =>
        {
            // A token in the environment would be taken before the token file a test makes unreadable.
            start.Environment.Remove("DSL_TOKEN");
            FilePermissions.Enforce(start);
        });

    public static CliResult Run(string workingDirectory, IEnumerable<string> args, string? standardInput = null, string? cache = null) =>
        Run(workingDirectory, args, _ => { }, standardInput, cache);

    private static CliResult Run(string workingDirectory, IEnumerable<string> args, Action<ProcessStartInfo> adapt, string? standardInput = null, string? cache = null, bool swapStreams = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DslDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DSL_CACHE"] = cache ?? SharedCache;
        start.Environment["DOTNET_NOLOGO"] = "1";
        adapt(start);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = start.RedirectStandardOutput ? process.StandardOutput.ReadToEndAsync() : Task.FromResult("");
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
            process.StandardInput.Write(standardInput);
        process.StandardInput.Close();
        // A safety net against a hung process, not an assertion about speed.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dsl " + string.Join(' ', args) + " did not finish.");
        }
        process.WaitForExit();
        // Through a terminal, what dsl wrote to standard error comes out as the transcript on script's standard output.
        return swapStreams
            ? new CliResult(process.ExitCode, error.GetAwaiter().GetResult(), output.GetAwaiter().GetResult())
            : new CliResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, (IEnumerable<string>)args);
}
