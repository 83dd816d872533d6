using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Validation;

/// <summary>
/// What a changed job is reported for, by the release check and by <c>dsl save</c> alike, so that a
/// workspace never saves a job that a release refuses: its compiler diagnostics (its imports'
/// included) and the rule of <c>jobs/</c> that a file declares the job it is named after.
/// </summary>
public static class SourceCheck
{
    /// <summary>Errors and warnings of <paramref name="job"/>; <paramref name="describe"/> writes a diagnostic with its file named for the user.</summary>
    public static IEnumerable<CheckMessage> Job(string job, Compilation compilation, Func<Diagnostic, string> describe)
    {
        foreach (var diagnostic in compilation.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Info))
            yield return new CheckMessage(diagnostic.IsError, describe(diagnostic));
        // A file that does not compile is refused already; its job line may be the broken part.
        if (!compilation.HasErrors && JobPaths.JobFileError(job, compilation.Job?.Name) is { } misnamed)
            yield return new CheckMessage(true, "error: " + misnamed);
    }
}
