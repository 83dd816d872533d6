using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.DocumentSymbols;

/// <summary>textDocument/documentSymbol: the outline of one file.</summary>
public sealed class DocumentSymbolsHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public DocumentSymbol[] Handle(DocumentSymbolParams request, CancellationToken cancellationToken)
    {
        var analysis = _workspace.GetSyntax(request.TextDocument.Uri);
        cancellationToken.ThrowIfCancellationRequested();
        return OutlineBuilder.Build(analysis.Tree);
    }
}
