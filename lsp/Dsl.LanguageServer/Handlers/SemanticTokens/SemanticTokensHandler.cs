using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.SemanticTokens;

/// <summary>textDocument/semanticTokens/full.</summary>
public sealed class SemanticTokensHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public Protocol.Messages.SemanticTokens Handle(SemanticTokensParams request, CancellationToken cancellationToken)
    {
        var analysis = _workspace.GetSyntax(request.TextDocument.Uri);
        var attributes = _workspace.GetAttributeNames(analysis, cancellationToken);
        var tokens = SemanticClassifier.Classify(analysis.Tree, attributes, cancellationToken);
        return new Protocol.Messages.SemanticTokens(SemanticClassifier.Encode(tokens));
    }
}
