using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// <c>energy MODEL from P by METHOD { clauses }</c>. <see cref="Method"/> is the word as written (meter, instant_power, average_power).
/// <see cref="HasSyntaxError"/>: a syntax error was reported in the rule, so a clause may be missing from <see cref="Clauses"/> because it was broken, not left out.
/// </summary>
public sealed record EnergyRuleSyntax(TextSpan Span, NameSyntax Model, PointReferenceSyntax Source, NameSyntax Method, ImmutableArray<EnergyClauseSyntax> Clauses, bool HasSyntaxError = false) : RuleSyntax(Span)
{
    /// <summary>The clauses a syntax error broke: what is left of their values is not checked again.</summary>
    public ImmutableHashSet<EnergyClauseSyntax> ClausesWithSyntaxErrors { get; init; } = [];

    public override IEnumerable<SyntaxNode> Children => Nodes(Model, Source, Method, Clauses);

    public override IEnumerable<NameSyntax> OutputTargets() => Clauses.Select(c => c switch
    {
        DailyClauseSyntax daily => daily.Target,
        EveryClauseSyntax every => every.Target,
        _ => null,
    }).OfType<NameSyntax>();
}
