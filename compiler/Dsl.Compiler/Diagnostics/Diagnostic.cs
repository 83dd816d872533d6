using Dsl.Compiler.Text;

namespace Dsl.Compiler.Diagnostics;

/// <summary>One problem found in a source file: where, how bad, which stable code, and what to do.</summary>
public sealed record Diagnostic(SourceText Source, TextSpan Span, DiagnosticSeverity Severity, string Code, string Message)
{
    public LinePosition Start => Source.GetLinePosition(Span.Start);

    public LinePosition End => Source.GetLinePosition(Span.End);

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>
    /// What the message's <c>Did you mean "X"?</c> proposes, X as it is written in the file. The
    /// message may show it otherwise (a tab in a quoted name as <c>\t</c>, see <see cref="MessageText"/>),
    /// so a fix that puts X in place takes it from here.
    /// </summary>
    public string? Suggestion { get; init; }

    /// <summary>
    /// The edit that writes what the message's hint says was meant (<c>10 min</c> as <c>10m</c>),
    /// over the very text the hint was made from; the editor offers it as a quick fix. Unlike a
    /// <see cref="Suggestion"/>, a guess among names, it is what the text was written to mean, so
    /// <c>dsl check --fix</c> makes it. Null when the hint proposes no single edit.
    /// </summary>
    public TextReplacement? Fix { get; init; }

    /// <summary>The command-line form: <c>file(line,col): error DSLnnnn: message</c>.</summary>
    public override string ToString() =>
        $"{Source.Path}({Start}): {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
