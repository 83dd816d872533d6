using System.Collections.Immutable;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary><c>merge MODEL (on P | every D) [hold D] { … }</c>. A null <see cref="Hold"/> means latest values never expire.</summary>
public sealed record BoundMergeRule(
    ModelSymbol Model,
    int Ordinal,
    SourceText Source,
    TextSpan Span,
    BoundMergeTrigger Trigger,
    Duration? Hold,
    ImmutableArray<BoundMergeOutput> Outputs) : BoundRule(Model, Ordinal, Source, Span)
{
    public override RuleKind Kind => RuleKind.Merge;

    public override ImmutableArray<PointSymbol> WrittenPoints => [.. Outputs.Select(o => o.Target)];

    public override ImmutableArray<PointSymbol> ReadPoints =>
        [.. (Trigger is BoundOnPointTrigger on ? [on.Point] : Enumerable.Empty<PointSymbol>()).Concat(Outputs.SelectMany(o => o.Reads)).Distinct()];
}
