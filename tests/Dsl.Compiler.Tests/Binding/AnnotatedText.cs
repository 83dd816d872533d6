using System.Collections.Immutable;
using System.Text;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>
/// Source with markup: <c>[|…|]</c> marks a span where a diagnostic is expected (Roslyn's
/// markup, since a plain <c>[</c> opens an interval in .stream), and <c>$$</c> marks a cursor.
/// </summary>
internal sealed record AnnotatedText(string Text, ImmutableArray<TextSpan> Spans, int? Cursor)
{
    public static AnnotatedText Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        var starts = new Stack<int>();
        int? cursor = null;
        for (var i = 0; i < markup.Length; i++)
        {
            if (Match(markup, i, "[|"))
            {
                starts.Push(text.Length);
                i++;
            }
            else if (Match(markup, i, "|]"))
            {
                if (starts.Count == 0)
                    throw new ArgumentException($"'|]' without '[|' at offset {i}.", nameof(markup));
                spans.Add(TextSpan.FromBounds(starts.Pop(), text.Length));
                i++;
            }
            else if (Match(markup, i, "$$"))
            {
                cursor = text.Length;
                i++;
            }
            else
            {
                text.Append(markup[i]);
            }
        }
        if (starts.Count > 0)
            throw new ArgumentException("'[|' without '|]'.", nameof(markup));

        return new AnnotatedText(text.ToString(), [.. spans.OrderBy(s => s.Start).ThenBy(s => s.Length)], cursor);
    }

    private static bool Match(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
