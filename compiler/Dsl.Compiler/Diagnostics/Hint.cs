using System.Diagnostics.CodeAnalysis;

namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// The sentence a message ends with that says what was meant (<c> A duration is written without a
/// space: 10m.</c>), and, when the text it was made from is known exactly, the edit that writes it
/// so: the editor offers that edit as a quick fix. A string converts to a hint without an edit, so
/// that the methods that make hints chain with <c>??</c> whatever they return.
/// </summary>
public sealed record Hint(string Text, TextReplacement? Fix = null)
{
    [return: NotNullIfNotNull(nameof(text))]
    public static implicit operator Hint?(string? text) => text is null ? null : new Hint(text);

    public override string ToString() => Text;
}
