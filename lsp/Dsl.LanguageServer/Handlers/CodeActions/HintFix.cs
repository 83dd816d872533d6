using Dsl.Compiler.Diagnostics;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// "Change to X" for a diagnostic whose hint says how to write what was written another way: a
/// duration without its space (<c>10 min</c> becomes <c>10m</c>), a range as the interval it means
/// (<c>0..100</c> becomes <c>[0, 100]</c>), a sliding window as the hopping one. The compiler
/// attaches the edit to the diagnostic (<see cref="Diagnostic.Fix"/>), over the very text it made
/// the hint from; a hint it could not make an exact edit for has none, and gets no fix.
/// </summary>
internal static class HintFix
{
    public static CodeAction? Create(string uri, Diagnostic diagnostic, LspDiagnostic shown)
    {
        if (diagnostic.Fix is not { } fix)
            return null;
        return ChangeTo(uri, fix.NewText, new TextEdit(TextPositions.ToRange(diagnostic.Source, fix.Span), fix.NewText), shown);
    }

    /// <summary>The preferred fix <c>Change to 'X'</c> of <paramref name="shown"/>, that makes <paramref name="edit"/> in the file at <paramref name="uri"/>.</summary>
    public static CodeAction ChangeTo(string uri, string displayed, TextEdit edit, LspDiagnostic shown) =>
        new($"Change to '{displayed}'", "quickfix", [shown], new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [uri] = [edit] }), IsPreferred: true);
}
