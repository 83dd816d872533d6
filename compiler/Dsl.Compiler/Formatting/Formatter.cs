using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Formatting;

/// <summary>
/// The canonical layout of a .stream file, shared by <c>dsl fmt</c> and the language server.
/// Two-space indentation, one declaration, model member, setting, output or clause per
/// line, single spaces between tokens (no column alignment, so a rename never re-indents
/// its neighbours), comments kept where they were (trailing or on their own line), at most
/// one blank line in a row, and a final newline, every line ending as the file's first one does
/// (<see cref="LineEnding"/>).
/// A file with syntax errors is returned unchanged: the tree of a broken file does not say
/// where its lines belong, and reformatting it could move the user's text around.
/// Formatting is idempotent: <c>Format(Parse(Format(x))) == Format(x)</c>.
/// </summary>
public static class Formatter
{
    /// <summary>Spaces per indentation level.</summary>
    public const int IndentSize = 2;

    public static string Format(SyntaxTree tree)
    {
        if (!CanFormat(tree))
            return tree.Source.Text;

        var formatted = new FormattingWriter(tree, FormattingLayout.Compute(tree)).Write();

        // A safety net, not a crutch: if the result does not parse back to the same tokens,
        // comments and tree, keep the user's text rather than risk changing the meaning.
        var reparsed = SyntaxTree.Parse(formatted, tree.Source.Path);
        if (HasErrors(reparsed) || !SameContent(tree, reparsed) || !SameShape(tree, reparsed))
            return tree.Source.Text;
        // The writer breaks lines with "\n" (string literals and line comments hold none, and block
        // comments are rewritten with it); the file keeps the line ending it was written with.
        return LineEnding.Apply(formatted, LineEnding.Of(tree.Source.Text));
    }

    public static string Format(string text, string path = "<memory>") => Format(SyntaxTree.Parse(text, path));

    private static bool CanFormat(SyntaxTree tree)
    {
        if (HasErrors(tree))
            return false;
        if (tree.Tokens.IsDefaultOrEmpty)
            return tree.Source.Text.Length == 0;
        var length = 0;
        foreach (var token in tree.Tokens)
        {
            if (token.Kind == SyntaxTokenKind.Error || token.Span.Start != length)
                return false;
            length = token.Span.End;
        }
        return length == tree.Source.Length;
    }

    private static bool HasErrors(SyntaxTree tree) => tree.Diagnostics.Any(d => d.IsError);

    // The same tokens and comments, in the order the writer puts them (a '{' may go before the comments that end its header).
    private static bool SameContent(SyntaxTree original, SyntaxTree formatted) =>
        Content(FormattingWriter.InWritingOrder(original.Tokens)).SequenceEqual(Content(formatted.Tokens));

    // The same nodes in the same order: tokens alone do not tell `- 2` (a negation) from `-2` (a number).
    private static bool SameShape(SyntaxTree original, SyntaxTree formatted) =>
        original.Root.DescendantsAndSelf().Select(node => node.GetType()).SequenceEqual(formatted.Root.DescendantsAndSelf().Select(node => node.GetType()));

    private static IEnumerable<string> Content(IEnumerable<SyntaxToken> tokens) =>
        tokens.Where(t => t.Kind != SyntaxTokenKind.Whitespace).Select(t => FormattingWriter.WithNewlines(t.Text).TrimEnd());
}
