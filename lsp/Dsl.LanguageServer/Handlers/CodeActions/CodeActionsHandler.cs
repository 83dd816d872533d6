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
/// suggestions in a diagnostic's message become a replacement; an output that names a
/// point its model lacks gets "add the point to the model".
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
        foreach (var diagnostic in compilation.GetDiagnostics())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!DocumentUri.PathComparer.Equals(diagnostic.Source.Path, document.Path) || !Overlaps(diagnostic.Span, range))
                continue;
            if (DidYouMean(document, diagnostic) is { } replace)
                actions.Add(replace);
            if (diagnostic.Code == UnknownPointCode && MissingOutputPoint.Create(_workspace, _finder, document, compilation, diagnostic) is { } add)
                actions.Add(add);
        }
        return actions.ToArray();
    }

    private static CodeAction? DidYouMean(TextDocument document, Diagnostic diagnostic)
    {
        var match = DidYouMeanPattern().Match(diagnostic.Message);
        if (!match.Success || diagnostic.Span.Length == 0)
            return null;
        var suggestion = match.Groups[1].Value;
        var written = document.Source.ToString(diagnostic.Span);
        var replacement = written.StartsWith('"') ? $"\"{suggestion}\""
            : written.StartsWith('`') || !LanguageFacts.IsIdentifier(suggestion) ? $"`{suggestion}`"
            : suggestion;
        var edit = new TextEdit(TextPositions.ToRange(document.Source, diagnostic.Span), replacement);
        return new CodeAction(
            $"Change to '{suggestion}'",
            "quickfix",
            [DiagnosticMapper.ToLsp(diagnostic)],
            new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [document.Uri] = [edit] }),
            IsPreferred: true);
    }

    private static bool Overlaps(TextSpan diagnostic, TextSpan range) =>
        diagnostic.Start <= range.End && range.Start <= diagnostic.End;

    [GeneratedRegex("Did you mean \"([^\"]+)\"\\?")]
    private static partial Regex DidYouMeanPattern();
}
