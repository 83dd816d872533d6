using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// A name as written: an identifier, or a backtick-quoted name (<c>`Meter.Total-kWh`</c>).
/// <see cref="Text"/> is the name itself, without backticks. A name the parser had to
/// invent to recover from an error is empty (<see cref="IsMissing"/>); it was reported
/// already, so later stages stay quiet about it.
/// </summary>
public sealed record NameSyntax(TextSpan Span, string Text, bool IsQuoted) : SyntaxNode(Span)
{
    public bool IsMissing => Text.Length == 0;

    public override IEnumerable<SyntaxNode> Children => [];

    public override string ToString() => Text;
}
