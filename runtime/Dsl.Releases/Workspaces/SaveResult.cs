namespace Dsl.Releases.Workspaces;

/// <summary>What <c>dsl save</c> did.</summary>
/// <param name="Checked">The jobs compiled before saving: the changed ones, or all of them when a model changed.</param>
/// <param name="Removed">The jobs whose deletion the commit records.</param>
/// <param name="Diagnostics">Every error and warning of the checked jobs, as <c>file(line,col): …</c>.</param>
/// <param name="Commit">The new commit, or null when it refused (errors) or there was nothing to save.</param>
public sealed record SaveResult(IReadOnlyList<string> Checked, IReadOnlyList<string> Removed, IReadOnlyList<string> Diagnostics, bool HasErrors, string? Commit);
