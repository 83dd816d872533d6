using System.Text;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Documents;

/// <summary>Applies LSP content changes to a text, in order, each against the result of the previous one.</summary>
public static class TextChanges
{
    public static string Apply(string text, IEnumerable<TextDocumentContentChangeEvent> changes)
    {
        foreach (var change in changes)
        {
            if (change.Range is not { } range)
            {
                text = change.Text;
                continue;
            }
            var source = SourceText.From(text);
            var span = TextPositions.ToSpan(source, range);
            text = new StringBuilder(text.Length - span.Length + change.Text.Length)
                .Append(text, 0, span.Start)
                .Append(change.Text)
                .Append(text, span.End, text.Length - span.End)
                .ToString();
        }
        return text;
    }
}
