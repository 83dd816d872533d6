using System.Diagnostics;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>Runs the <c>dsl</c> command line as a shell user would, without the client variables of the test's environment.</summary>
internal static class DslCommand
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] arguments) => RunIn(null, arguments);

    public static (int Code, string Stdout, string Stderr) RunIn(string? directory, params string[] arguments) =>
        RunIn(directory, TimeSpan.FromMinutes(5), arguments);

    /// <summary>Runs a command under a locale (<c>fi_FI.UTF-8</c>: times written 12.30.00, decimals 1,5).</summary>
    public static (int Code, string Stdout, string Stderr) RunInLocale(string locale, params string[] arguments) =>
        RunIn(null, TimeSpan.FromMinutes(5), arguments, locale);

    /// <summary>Runs a command with <paramref name="input"/> on its standard input.</summary>
    public static (int Code, string Stdout, string Stderr) RunWithInput(string input, params string[] arguments) =>
        RunIn(null, TimeSpan.FromMinutes(5), arguments, locale: null, input);

    /// <summary>Runs a command that must end within <paramref name="limit"/> (one that would serve forever is killed and fails the test).</summary>
    public static (int Code, string Stdout, string Stderr) RunIn(string? directory, TimeSpan limit, params string[] arguments) =>
        RunIn(directory, limit, arguments, locale: null);

    private static (int Code, string Stdout, string Stderr) RunIn(string? directory, TimeSpan limit, string[] arguments, string? locale, string? input = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        if (locale is not null)
        {
            start.Environment["LANG"] = locale;
            start.Environment["LC_ALL"] = locale;
        }

        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dsl.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in new[] { "DSL_TOKEN", "DSL_SERVER", "DSL_CA", "DSL_RELEASE_REMOTE" })
        {
            start.Environment.Remove(variable);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dsl did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dsl {string.Join(' ', arguments)} did not end within {limit}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
