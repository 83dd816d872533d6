using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>schedule once | every D | daily at HH:MM | cron "…" | on file "glob"</c>. <see cref="Kind"/> is the first word (once, every, daily, cron, on).
/// <see cref="HasSyntaxError"/>: a syntax error was reported on the schedule's line (<c>schedule every day</c>), so an argument left out may be one written another way.
/// </summary>
public sealed record ScheduleDeclarationSyntax(TextSpan Span, NameSyntax Kind, DurationSyntax? Every, TimeOfDaySyntax? At, StringLiteralSyntax? Pattern, bool HasSyntaxError = false) : DeclarationSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Nodes(Kind, Every, At, Pattern);
}
