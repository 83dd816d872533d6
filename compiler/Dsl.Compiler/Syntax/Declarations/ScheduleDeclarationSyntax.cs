using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary><c>schedule once | every D | daily at HH:MM | cron "…" | on file "glob"</c>. <see cref="Kind"/> is the first word (once, every, daily, cron, on).</summary>
public sealed record ScheduleDeclarationSyntax(TextSpan Span, NameSyntax Kind, DurationSyntax? Every, TimeOfDaySyntax? At, StringLiteralSyntax? Pattern) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Kind, Every, At, Pattern);
}
