using System.Text;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Formatting;

/// <summary>
/// Writes the tokens of a well-formed tree in canonical layout. Line breaks come from the
/// tree (<see cref="FormattingLayout"/>) and from comments; everything else is one space
/// or none. Two alignments follow, as gofmt does them: the '=' of consecutive outputs of a
/// block, and the trailing comments of consecutive lines.
/// </summary>
internal sealed class FormattingWriter(SyntaxTree tree, FormattingLayout layout)
{
    private readonly SyntaxTree _tree = tree;
    private readonly FormattingLayout _layout = layout;
    private readonly StringBuilder _output = new();
    private readonly List<(int Line, int Column, int Group)> _equals = [];
    private readonly List<(int Line, int Column)> _trailingComments = [];
    private int _depth;
    private int _line;
    private int _lineStart;
    private int _outputGroup;
    private int _lastOutputLine = -2;

    public string Write()
    {
        SyntaxToken? previous = null;
        var newlinesBefore = 0;
        foreach (var token in InWritingOrder(_tree.Tokens))
        {
            if (token.Kind == SyntaxTokenKind.Whitespace)
            {
                newlinesBefore += CountNewlines(token.Text);
                continue;
            }

            if (token.Text == "}")
                _depth = Math.Max(0, _depth - 1);

            if (previous is { } prev)
                WriteSeparator(prev, token, newlinesBefore);

            Record(token, previous);
            var text = token.Kind switch
            {
                SyntaxTokenKind.LineComment => token.Text.TrimEnd(),
                SyntaxTokenKind.BlockComment => WithNewlines(token.Text),
                _ => token.Text,
            };
            _output.Append(text);
            if (token.Kind == SyntaxTokenKind.BlockComment)
                CountLinesOf(text);

            if (token.Text == "{")
                _depth++;
            previous = token;
            newlinesBefore = 0;
        }

        if (_output.Length == 0)
            return string.Empty;
        return Align(_output.ToString()) + "\n";
    }

    /// <summary>
    /// The tokens in writing order: a block's '{' stays on its header line, so when comments stand
    /// between the header and a '{' on a later line (<c>window tumbling 10m // statistics</c>, or a
    /// comment on a line of its own, then '{') the '{' moves before them: a comment that ended the
    /// header line trails the '{', one on a line of its own becomes the first line of the block.
    /// </summary>
    public static IEnumerable<SyntaxToken> InWritingOrder(IReadOnlyList<SyntaxToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            // At the trivia that follows a header's last token: does a '{' come after comments?
            if (i > 0 && tokens[i].IsTrivia && !tokens[i - 1].IsTrivia)
            {
                var next = i;
                while (next < tokens.Count && tokens[next].IsTrivia)
                    next++;
                if (next < tokens.Count && tokens[next].Text == "{" && HasCommentAndLineBreak(tokens, i, next))
                {
                    // The line break before the '{' goes with it; the one after it ends the comments' line.
                    var end = tokens[next - 1].Kind == SyntaxTokenKind.Whitespace ? next - 1 : next;
                    yield return tokens[next];
                    for (var j = i; j < end; j++)
                        yield return tokens[j];
                    i = next;
                    continue;
                }
            }
            yield return tokens[i];
        }
    }

    // A '{' on the line of the comments before it stays where it is (`model M /* c */ {`).
    private static bool HasCommentAndLineBreak(IReadOnlyList<SyntaxToken> tokens, int from, int to)
    {
        var comment = false;
        var lineBreak = false;
        for (var j = from; j < to; j++)
        {
            comment |= tokens[j].Kind != SyntaxTokenKind.Whitespace;
            lineBreak |= tokens[j].Kind == SyntaxTokenKind.LineComment || (tokens[j].Kind == SyntaxTokenKind.Whitespace && CountNewlines(tokens[j].Text) > 0);
        }
        return comment && lineBreak;
    }

    private void Record(SyntaxToken token, SyntaxToken? previous)
    {
        var column = _output.Length - _lineStart;
        if (_layout.OutputStarts.Contains(token.Span.Start))
        {
            // Outputs on consecutive lines align; a blank line, a comment line or anything else between starts a new run.
            if (_lastOutputLine != _line - 1)
                _outputGroup++;
            _lastOutputLine = _line;
        }
        if (_layout.OutputEquals.Contains(token.Span.Start) && _lastOutputLine == _line)
            _equals.Add((_line, column, _outputGroup));
        if (token.Kind == SyntaxTokenKind.LineComment && previous is not null && column > 0 && !string.IsNullOrWhiteSpace(CurrentLine()))
            _trailingComments.Add((_line, column));
    }

    private string CurrentLine() => _output.ToString(_lineStart, _output.Length - _lineStart);

    private void WriteSeparator(SyntaxToken previous, SyntaxToken token, int newlinesBefore)
    {
        var isComment = token.Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment;
        var previousIsComment = previous.Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment;

        bool newLine;
        var continuation = false;
        if (isComment)
        {
            // A comment stays trailing or on its own line, as the user put it.
            newLine = newlinesBefore > 0 || previous.Kind == SyntaxTokenKind.LineComment;
        }
        else if (previous.Kind == SyntaxTokenKind.LineComment || (previousIsComment && newlinesBefore > 0))
        {
            newLine = true;
            continuation = !StartsLine(token);
        }
        else
        {
            newLine = StartsLine(token) || previous.Text == "{";
            if (token.Text == "}" && previous.Text == "{")
                newLine = false;
        }

        if (!newLine)
        {
            if (NeedsSpace(previous, token))
                _output.Append(' ');
            return;
        }

        var keepBlankLine = newlinesBefore >= 2 && previous.Text != "{" && token.Text != "}";
        NewLine();
        if (keepBlankLine)
            NewLine();
        _output.Append(' ', (_depth + (continuation ? 1 : 0)) * Formatter.IndentSize);
    }

    private void NewLine()
    {
        _output.Append('\n');
        _line++;
        _lineStart = _output.Length;
    }

    // A block comment over several lines is written as it is; the line count must follow it. The
    // text was just appended, so its last line starts where that line starts in the text (looking
    // it up in the whole output made files of many such comments quadratic).
    private void CountLinesOf(string text)
    {
        var breaks = text.Count(c => c == '\n');
        if (breaks == 0)
            return;
        _line += breaks;
        _lineStart = _output.Length - text.Length + text.LastIndexOf('\n') + 1;
    }

    private bool StartsLine(SyntaxToken token) => token.Text == "}" || _layout.LineStarts.Contains(token.Span.Start);

    private bool NeedsSpace(SyntaxToken previous, SyntaxToken token)
    {
        if (_layout.JoinWithPrevious.Contains(token.Span.Start))
            return false;
        if (_layout.TightAfter.Contains(previous.Span.Start) || _layout.TightBefore.Contains(token.Span.Start))
            return false;
        if (previous.Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment
            || token.Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment)
            return true;
        if (token.Text == "}" && previous.Text == "{")
            return false;
        if (token.Text is "," or ")" or "]" or "::" || previous.Text is "(" or "[" or "::")
            return false;
        return true;
    }

    /// <summary>Pads the recorded '=' and trailing comments of each run to a common column.</summary>
    private string Align(string text)
    {
        var lines = text.Split('\n');
        var equalsPadding = new Dictionary<int, (int Column, int Padding)>();
        foreach (var group in _equals.GroupBy(e => e.Group))
        {
            var column = group.Max(e => e.Column);
            foreach (var entry in group)
                equalsPadding[entry.Line] = (entry.Column, column - entry.Column);
        }

        // Comment columns after the '=' padding of their own line.
        var comments = _trailingComments
            .Select(c => (c.Line, Column: c.Column + (equalsPadding.TryGetValue(c.Line, out var e) && e.Column < c.Column ? e.Padding : 0), Original: c.Column))
            .ToList();
        var commentPadding = new Dictionary<int, (int Column, int Padding)>();
        for (var start = 0; start < comments.Count;)
        {
            var end = start + 1;
            while (end < comments.Count && comments[end].Line == comments[end - 1].Line + 1)
                end++;
            var column = comments.Skip(start).Take(end - start).Max(c => c.Column);
            for (var i = start; i < end; i++)
                commentPadding[comments[i].Line] = (comments[i].Original, column - comments[i].Column);
            start = end;
        }

        for (var line = 0; line < lines.Length; line++)
        {
            var builder = new StringBuilder(lines[line]);
            // Right to left, so the earlier column stays valid.
            if (commentPadding.TryGetValue(line, out var comment) && comment.Padding > 0)
                builder.Insert(comment.Column, " ", comment.Padding);
            if (equalsPadding.TryGetValue(line, out var equals) && equals.Padding > 0)
                builder.Insert(equals.Column, " ", equals.Padding);
            lines[line] = builder.ToString();
        }
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The text with every line break a "\n", as the writer puts them between tokens: the lines of
    /// a block comment in a file with "\r\n" line endings would otherwise keep a "\r" each, and
    /// get a second one when <see cref="Formatter"/> gives the result the file's line ending.
    /// </summary>
    internal static string WithNewlines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static int CountNewlines(string whitespace)
    {
        var count = 0;
        for (var i = 0; i < whitespace.Length; i++)
        {
            if (whitespace[i] == '\n' || (whitespace[i] == '\r' && (i + 1 == whitespace.Length || whitespace[i + 1] != '\n')))
                count++;
        }
        return count;
    }
}
