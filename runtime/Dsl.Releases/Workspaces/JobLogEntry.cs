namespace Dsl.Releases.Workspaces;

/// <summary>One version of a job in <c>dsl log</c>: a commit that touched it, and its release tags.</summary>
public sealed record JobLogEntry(string Commit, string Date, string Author, string Subject, IReadOnlyList<string> Tags);
