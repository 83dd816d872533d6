using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Validation;

/// <summary>
/// What a changed file is reported for, by the release check and by <c>dsl save</c> alike, so that a
/// workspace never saves what a release refuses: its compiler diagnostics (its imports' included,
/// resolved inside the snapshot) and, for a job, the rule of <c>jobs/</c> that a file declares the
/// job it is named after.
/// </summary>
public static class SourceCheck
{
    /// <summary>Errors and warnings of <paramref name="job"/>, compiled in <paramref name="tree"/>.</summary>
    public static IEnumerable<CheckMessage> Job(TreeSnapshot tree, string job, Compilation compilation)
    {
        foreach (var message in Diagnostics(tree, compilation))
            yield return message;
        // A file that does not compile is refused already; its job line may be the broken part.
        if (!compilation.HasErrors && JobPaths.JobFileError(job, compilation.Job?.Name) is { } misnamed)
            yield return new CheckMessage(true, "error: " + misnamed);
    }

    /// <summary>
    /// Errors and warnings of a model library on its own: a library no job imports yet is checked
    /// too, so that a broken one is not saved or released to fail the first job that imports it.
    /// A job in <c>jobs/</c> whose file is not named after it is such a file too, and refused.
    /// </summary>
    public static IEnumerable<CheckMessage> Library(TreeSnapshot tree, string path)
    {
        var compilation = tree.CompileFile(path);
        foreach (var message in Diagnostics(tree, compilation))
            yield return message;
        if (!compilation.HasErrors && JobPaths.StrayJobFileError(path, compilation.Job?.Name) is { } stray)
            yield return new CheckMessage(true, "error: " + stray);
    }

    private static IEnumerable<CheckMessage> Diagnostics(TreeSnapshot tree, Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity != DiagnosticSeverity.Info)
            .Select(d => new CheckMessage(d.IsError, tree.Describe(d)));
}
