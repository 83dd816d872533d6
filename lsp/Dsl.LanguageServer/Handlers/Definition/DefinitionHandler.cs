using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Definition;

/// <summary>
/// textDocument/definition: where a model, point, attribute or the job is declared, in this file or
/// an imported one; on an import's path, the start of the imported file.
/// </summary>
public sealed class DefinitionHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public Location[] Handle(TextDocumentPositionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var position = TextPositions.ToOffset(document.Source, request.Position);
        if (ImportAt(document, position) is { } imported)
            return [imported];
        if (_finder.FindAt(document, position, cancellationToken) is not { Symbol: { Source: { } source } symbol })
            return [];
        return [new Location(_finder.UriOf(source), TextPositions.ToRange(source, symbol.NameSpan))];
    }

    /// <summary>The imported file whose path is at the position, when it resolves as the compiler would resolve it.</summary>
    private Location? ImportAt(TextDocument document, int position)
    {
        var import = _workspace.GetSyntax(document).Tree.Root.Declarations.OfType<ImportDeclarationSyntax>()
            .FirstOrDefault(i => i.Path.Span.Length > 0 && i.Path.Span.Start <= position && position <= i.Path.Span.End);
        if (import is null || _workspace.ResolveImport(document.Path, import.Path.Value) is not { } text)
            return null;
        return new Location(_finder.UriOf(text), TextPositions.ToRange(text, new Compiler.Text.TextSpan(0, 0)));
    }
}
