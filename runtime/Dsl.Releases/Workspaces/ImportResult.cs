namespace Dsl.Releases.Workspaces;

/// <summary>What <c>dsl import</c> did with each file of the export.</summary>
public sealed record ImportResult(string Job, IReadOnlyList<string> Written, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Skipped);
