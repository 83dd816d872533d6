using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Definition;

/// <summary>textDocument/definition: where a model, point, attribute or the job is declared, in this file or an imported one.</summary>
public sealed class DefinitionHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public Location[] Handle(TextDocumentPositionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var position = TextPositions.ToOffset(document.Source, request.Position);
        if (_finder.FindAt(document, position, cancellationToken) is not { Symbol: { Source: { } source } symbol })
            return [];
        return [new Location(_finder.UriOf(source), TextPositions.ToRange(source, symbol.NameSpan))];
    }
}
