namespace Dsl.Cli;

/// <summary>The exit codes of every <c>dsl</c> command (docs/runtime.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Diagnostics, bad input, or a job that failed.</summary>
    public const int UserError = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}
