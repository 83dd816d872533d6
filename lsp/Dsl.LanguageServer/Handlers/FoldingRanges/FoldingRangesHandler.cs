using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.FoldingRanges;

/// <summary>textDocument/foldingRange: the blocks, long outputs, imports and comments of one file.</summary>
public sealed class FoldingRangesHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public FoldingRange[] Handle(FoldingRangeParams request, CancellationToken cancellationToken)
    {
        var analysis = _workspace.GetSyntax(request.TextDocument.Uri);
        cancellationToken.ThrowIfCancellationRequested();
        return FoldingRangeBuilder.Build(analysis.Tree);
    }
}
