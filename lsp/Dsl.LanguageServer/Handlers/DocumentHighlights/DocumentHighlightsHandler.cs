using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.DocumentHighlights;

/// <summary>
/// textDocument/documentHighlight: the places of the symbol under the cursor in this file, as
/// references finds them in its compilation. Each is read or written, as LSP asks of symbol
/// matches (plain text is for textual ones), with the line TypeScript and C# draw: written
/// where the name gets a value or a definition (a point where an output names it as its
/// target, an attribute's declaration with its default, the declaration of a model or the job),
/// read everywhere else, a point's declaration included: it declares what the rules fill.
/// </summary>
public sealed class DocumentHighlightsHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public DocumentHighlight[] Handle(TextDocumentPositionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var source = document.Source;
        var position = TextPositions.ToOffset(source, request.Position);
        if (_finder.FindAt(document, position, cancellationToken) is not { } found)
            return [];
        var written = WrittenNames(_workspace.GetSyntax(document).Tree);
        return found.Compilation.GetSemanticModel().FindReferences(found.Symbol)
            .Where(r => SymbolFinder.SamePath(r.Source, source))
            .Select(r => new DocumentHighlight(TextPositions.ToRange(source, r.Span), KindOf(found.Symbol, r, written)))
            .ToArray();
    }

    private static int KindOf(Symbol symbol, SymbolReference reference, HashSet<TextSpan> written) => symbol switch
    {
        PointSymbol when written.Contains(reference.Span) => DocumentHighlightKind.Write,
        AttributeSymbol { DefaultValue: not null } or ModelSymbol or JobSymbol when reference.IsDefinition => DocumentHighlightKind.Write,
        _ => DocumentHighlightKind.Read,
    };

    /// <summary>The names the rules of the file write: the targets of their outputs (<c>Q = …</c>, <c>daily Q</c>, <c>every 1h Q</c>).</summary>
    private static HashSet<TextSpan> WrittenNames(SyntaxTree tree) =>
        tree.Root.Declarations.OfType<RuleSyntax>().SelectMany(r => r.OutputTargets()).Select(t => t.Span).ToHashSet();
}
