using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Diagnostics;

/// <summary>
/// Diagnostics of imported files, which <c>dsl check</c> reports with the job: shown on the
/// import that brings the file in (directly or through other imports), with the file and
/// position in the message, so that a job with a broken library does not look clean.
/// </summary>
public static class ImportedDiagnostics
{
    /// <summary>The diagnostics of <paramref name="all"/> in other files than the document's, each with the diagnostic the document shows for it.</summary>
    public static IEnumerable<(Diagnostic Diagnostic, LspDiagnostic Shown)> Of(Workspace workspace, TextDocument document, IReadOnlyList<Diagnostic> all, CancellationToken token)
    {
        var imported = all.Where(d => !DocumentUri.PathComparer.Equals(d.Source.Path, document.Path)).ToArray();
        if (imported.Length == 0)
            yield break;
        var imports = workspace.GetSyntax(document).Tree.Root.Declarations.OfType<ImportDeclarationSyntax>()
            .Select(import => (Import: import, Reached: workspace.FilesReachedBy(document.Path, import.Path.Value, token)))
            .ToArray();
        // An untitled buffer's path is in the first workspace folder (else the working directory), where its imports resolve.
        var directory = Path.GetDirectoryName(Path.GetFullPath(document.Path)) ?? Directory.GetCurrentDirectory();
        foreach (var diagnostic in imported)
        {
            var import = imports.FirstOrDefault(i => i.Reached.Contains(diagnostic.Source.Path)).Import ?? imports.FirstOrDefault().Import;
            var range = import is null ? new Protocol.Messages.Range(new Position(0, 0), new Position(0, 0)) : TextPositions.ToRange(document.Source, import.Path.Span);
            var where = $"{Relative(directory, diagnostic.Source.Path)}({diagnostic.Start})";
            yield return (diagnostic, new LspDiagnostic(range, $"{where}: {diagnostic.Message}", DiagnosticMapper.Severity(diagnostic.Severity), diagnostic.Code, DiagnosticMapper.SourceName));
        }
    }

    private static string Relative(string directory, string path)
    {
        try
        {
            return Path.GetRelativePath(directory, path).Replace('\\', '/');
        }
        catch (ArgumentException)
        {
            return path;
        }
    }
}
