using Dsl.Compiler.Formatting;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Formatting;

/// <summary>
/// textDocument/formatting with the same <see cref="Formatter"/> as <c>dsl fmt</c>. The whole
/// text is replaced in one edit; a file with syntax errors gets no edits.
/// </summary>
public sealed class FormattingHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public TextEdit[] Handle(DocumentFormattingParams request, CancellationToken cancellationToken)
    {
        var analysis = _workspace.GetSyntax(request.TextDocument.Uri);
        var source = analysis.Document.Source;
        var formatted = Formatter.Format(analysis.Tree);
        cancellationToken.ThrowIfCancellationRequested();
        if (formatted == source.Text)
            return [];
        var whole = TextPositions.ToRange(source, new Compiler.Text.TextSpan(0, source.Length));
        return [new TextEdit(whole, formatted)];
    }
}
