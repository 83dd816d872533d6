using System.Globalization;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>
/// A diagnostic kind: its stable code, default severity and message format. All of them are
/// defined in <see cref="DiagnosticDescriptors"/>, code beside message.
/// </summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>
    /// Whether the "Did you mean" of the message is to be written in place of the diagnostic's span,
    /// and so becomes its <see cref="Diagnostic.Suggestion"/>. Not so for a message that suggests
    /// something for another place than the one it is reported at.
    /// </summary>
    public bool SuggestsInPlace { get; init; } = true;

    /// <param name="args">The message's parts; text in them (names and strings from the file) is quoted on one line, see <see cref="MessageText"/>.</param>
    public Diagnostic Create(SourceText source, TextSpan span, params object?[] args) =>
        new(source, span, Severity, Code, args.Length == 0
            ? MessageFormat
            : string.Format(CultureInfo.InvariantCulture, MessageFormat, [.. args.Select(a => TextOf(a) is { } text ? MessageText.Printable(text) : a)]))
        {
            Suggestion = SuggestsInPlace ? args.Select(TextOf).Select(SuggestionOf).LastOrDefault(s => s != null) : null,
            Fix = args.OfType<Hint>().Select(hint => hint.Fix).LastOrDefault(fix => fix != null),
        };

    private static string? TextOf(object? arg) => arg as string ?? (arg as Hint)?.Text;

    /// <summary>How a hint that suggests a name starts; the kind ("the attribute") when the message cannot say it.</summary>
    private static readonly string[] _didYouMean = [" Did you mean \"", " Did you mean the point \"", " Did you mean the attribute \""];

    /// <summary>X of a hint sentence <c> Did you mean "X"?</c> or <c> Did you mean the attribute "X"?</c> (the trailing part of the formats that take a hint), before it is made printable.</summary>
    private static string? SuggestionOf(string? hint) =>
        hint != null && _didYouMean.FirstOrDefault(start => hint.StartsWith(start, StringComparison.Ordinal)) is { } start
        && hint.EndsWith("\"?", StringComparison.Ordinal) && hint.Length > start.Length + 2
            ? hint[start.Length..^2]
            : null;
}
