using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Language;

public static partial class CursorContextAnalyzer
{
    /// <summary>
    /// The points the merge or aggregate block around the cursor writes (the names before an
    /// <c>=</c>) and reads (the other names of its expressions), from its tokens, before and
    /// after the cursor: the tree of a half-typed block may have lost outputs, as when a name is
    /// typed on a line above one. The word being typed over counts as neither.
    /// </summary>
    private static (HashSet<string> Written, HashSet<string> Read) NamesOfBlock(IReadOnlyList<SyntaxToken> tokens, SyntaxToken open, TextSpan replace)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        // An unclosed block ends where the next declaration's block opens.
        var body = tokens.Where(t => t.Span.Start > open.Span.Start && !t.IsTrivia).TakeWhile(t => t.Text is not "}" and not "{").ToList();
        for (var i = 0; i < body.Count; i++)
        {
            var token = body[i];
            if (token.Kind is not (SyntaxTokenKind.Identifier or SyntaxTokenKind.QuotedIdentifier) || token.Span == replace)
                continue;
            var next = i + 1 < body.Count ? body[i + 1].Text : null;
            if (next == "=")
                written.Add(Unquote(token.Text));
            // A function's name is followed by its arguments, a model qualifier by `::`.
            else if (next is not "(" and not "::")
                read.Add(Unquote(token.Text));
        }
        return (written, read);
    }
}
