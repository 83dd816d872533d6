using System.Text.RegularExpressions;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Handlers.Diagnostics;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// textDocument/codeAction: quick fixes for the diagnostics at the range. "Did you mean"
/// suggestions in a diagnostic's message become a replacement, and so do the hints that say how
/// to write what was written another way (see <see cref="HintFix"/>); an output that names a
/// point its model lacks gets "add the point to the model", and an energy source declared in a
/// unit spelt in the wrong case gets that unit changed in its declaration.
/// </summary>
public sealed partial class CodeActionsHandler(Workspace workspace)
{
    private const string UnknownPointCode = "DSL2003";

    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public CodeAction[] Handle(CodeActionParams request, CancellationToken cancellationToken)
    {
        if (request.Context?.Only is { Length: > 0 } only && !only.Any(k => k == "quickfix" || "quickfix".StartsWith(k + ".", StringComparison.Ordinal)))
            return [];
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var source = document.Source;
        var range = TextPositions.ToSpan(source, request.Range);
        var compilation = _workspace.GetCompilation(document);
        var actions = new List<CodeAction>();
        var diagnostics = compilation.GetDiagnostics();
        foreach (var diagnostic in diagnostics.Where(d => DocumentUri.PathComparer.Equals(d.Source.Path, document.Path)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Overlaps(diagnostic.Span, range))
                continue;
            if (DidYouMean(document.Uri, diagnostic, DiagnosticMapper.ToLsp(diagnostic)) is { } replace)
                actions.Add(replace);
            if (HintFix.Create(document.Uri, diagnostic, DiagnosticMapper.ToLsp(diagnostic)) is { } rewrite)
                actions.Add(rewrite);
            if (diagnostic.Code == UnknownPointCode && MissingOutputPoint.Create(_workspace, _finder, document, compilation, diagnostic) is { } add)
                actions.Add(add);
            // DSL3057 suggests a unit for the point's declaration, not for the place it is reported at.
            if (diagnostic.Code == EnergySourceUnit.Code && DidYouMeanPattern().Match(diagnostic.Message) is { Success: true } unit
                && EnergySourceUnit.Create(_finder, compilation, diagnostic, unit.Groups[1].Value, DiagnosticMapper.ToLsp(diagnostic)) is { } declareIn)
                actions.Add(declareIn);
        }

        // An imported file's diagnostic is shown on the import that brings the file in: its fix is
        // offered there, for the diagnostic as shown, and edits the imported file.
        foreach (var (diagnostic, shown) in ImportedDiagnostics.Of(_workspace, document, diagnostics, cancellationToken))
        {
            if (!Overlaps(TextPositions.ToSpan(source, shown.Range), range))
                continue;
            if (DidYouMean(_finder.UriOf(diagnostic.Source), diagnostic, shown) is { } inImport)
                actions.Add(inImport);
            if (HintFix.Create(_finder.UriOf(diagnostic.Source), diagnostic, shown) is { } rewriteInImport)
                actions.Add(rewriteInImport);
        }
        return actions.ToArray();
    }

    /// <summary>
    /// "Change to X" for a diagnostic whose message suggests X, editing its file (at <paramref name="uri"/>);
    /// <paramref name="shown"/> is the diagnostic as the requesting document shows it.
    /// </summary>
    private static CodeAction? DidYouMean(string uri, Diagnostic diagnostic, LspDiagnostic shown)
    {
        if (diagnostic.Suggestion is not { } suggestion || diagnostic.Span.Length == 0)
            return null;
        // The title shows X as the message does (a tab as \t); the edit puts in X as it is written.
        var displayed = DidYouMeanPattern().Match(diagnostic.Message) is { Success: true } match ? match.Groups[1].Value : suggestion;
        var written = diagnostic.Source.ToString(diagnostic.Span);
        // The compiler suggests a name as it must be written, in backticks where it needs them, and
        // an operator ("&&" for "and") as it is; a name written in backticks keeps them.
        var replacement = written.StartsWith('"') ? $"\"{suggestion}\""
            : written.StartsWith('`') && !suggestion.StartsWith('`') ? $"`{suggestion}`"
            : suggestion;
        return HintFix.ChangeTo(uri, displayed, new TextEdit(TextPositions.ToRange(diagnostic.Source, diagnostic.Span), replacement), shown);
    }

    private static bool Overlaps(TextSpan diagnostic, TextSpan range) =>
        diagnostic.Start <= range.End && range.Start <= diagnostic.End;

    [GeneratedRegex("Did you mean (?:the (?:point|attribute) )?\"(.+)\"\\?$")]
    private static partial Regex DidYouMeanPattern();
}
