using Dsl.Compiler.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>An edit of a source file: <see cref="NewText"/> in place of the text at <see cref="Span"/>.</summary>
public sealed record TextReplacement(TextSpan Span, string NewText)
{
    /// <summary>
    /// The replacement of the words at <paramref name="words"/> (in order) and what lies between
    /// them, when that is only white space; null when a comment lies between them, which the edit
    /// would remove.
    /// </summary>
    public static TextReplacement? OfWords(string text, string newText, params ReadOnlySpan<TextSpan> words)
    {
        for (var i = 1; i < words.Length; i++)
        {
            if (words[i].Start < words[i - 1].End)
                return null;
            for (var at = words[i - 1].End; at < words[i].Start; at++)
            {
                if (!char.IsWhiteSpace(text[at]))
                    return null;
            }
        }
        return words.Length == 0 ? null : new TextReplacement(TextSpan.FromBounds(words[0].Start, words[^1].End), newText);
    }
}
