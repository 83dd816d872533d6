using System.Collections.Immutable;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>
/// <c>aggregate MODEL window … { … }</c>. <see cref="Lateness"/> is the rule's option or the
/// job default; <see cref="EarlyEvery"/> is set exactly when <see cref="Emit"/> is early.
/// </summary>
public sealed record BoundAggregateRule(
    ModelSymbol Model,
    int Ordinal,
    SourceText Source,
    TextSpan Span,
    BoundWindow Window,
    Duration Lateness,
    EmitMode Emit,
    Duration? EarlyEvery,
    WindowStamp Stamp,
    ImmutableArray<BoundAggregateOutput> Outputs) : BoundRule(Model, Ordinal, Source, Span)
{
    public override RuleKind Kind => RuleKind.Aggregate;

    public override ImmutableArray<PointSymbol> WrittenPoints => [.. Outputs.Select(o => o.Target)];

    public override ImmutableArray<PointSymbol> ReadPoints => [.. Outputs.Select(o => o.Input).Distinct()];
}
