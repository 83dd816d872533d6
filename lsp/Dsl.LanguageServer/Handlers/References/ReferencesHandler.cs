using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.References;

/// <summary>textDocument/references: every use of a symbol, in this file, its imports and the workspace files that import it.</summary>
public sealed class ReferencesHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public Location[] Handle(ReferenceParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var position = TextPositions.ToOffset(document.Source, request.Position);
        if (_finder.FindAt(document, position, cancellationToken) is not { } found)
            return [];
        var includeDeclaration = request.Context?.IncludeDeclaration ?? true;
        return _finder.FindAllReferences(found, document, cancellationToken)
            .Where(r => includeDeclaration || !r.IsDefinition)
            .Select(r => new Location(_finder.UriOf(r.Source), TextPositions.ToRange(r.Source, r.Span)))
            .ToArray();
    }
}
