namespace Dsl.Releases.Git;

/// <summary>What a <c>git</c> run returned.</summary>
public sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Success => ExitCode == 0;

    /// <summary>Both streams, for messages shown to a user.</summary>
    public string Combined => (Output + Error).TrimEnd();
}
