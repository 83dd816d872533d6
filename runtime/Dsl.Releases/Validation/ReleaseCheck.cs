namespace Dsl.Releases.Validation;

/// <summary>The verdict on a release.</summary>
/// <param name="Errors">Why it is refused, one message per line; empty when accepted.</param>
/// <param name="Changed">The jobs whose file or imported models change (each gets a tag).</param>
/// <param name="Removed">The jobs the release deletes.</param>
/// <param name="Restarted">Changed jobs whose state cannot be kept; released only with <c>-o restart</c>.</param>
/// <param name="Warnings">What the pusher should know about an accepted release: the changed jobs' compiler warnings, and alarm channels the daemon does not configure.</param>
/// <param name="SourcesBefore">Each job of the release before this one, with the repository paths of its file and the model files it imports.</param>
public sealed record ReleaseCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed, IReadOnlyList<string> Restarted, IReadOnlyList<string> Warnings, IReadOnlyDictionary<string, IReadOnlyCollection<string>> SourcesBefore)
{
    public bool Accepted => Errors.Count == 0;
}
