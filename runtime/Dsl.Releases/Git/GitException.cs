namespace Dsl.Releases.Git;

/// <summary>A git command that had to succeed failed; the message carries git's own words.</summary>
public sealed class GitException(string message) : Exception(message);
