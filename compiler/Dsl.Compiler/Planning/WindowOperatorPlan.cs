using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>The outputs of one aggregate block that read the same input point.</summary>
public sealed record WindowOperatorPlan(string Name, BoundAggregateRule Aggregate, PointSymbol Input, ImmutableArray<BoundAggregateOutput> Outputs)
    : OperatorPlan(Name, Aggregate, [Input])
{
    public override string Kind => Aggregate.Window is BoundSessionWindow ? "session" : "window";

    public override string StateSchema =>
        $"{Describe(Aggregate.Window)} input={Input.QualifiedName} aggregates=[{string.Join(",", Outputs.Select(o => o.Function.ToString().ToLowerInvariant() + (o.Fill is null ? "" : "+fill")))}]";

    /// <summary>
    /// Whether the block gets a generated head: a dense per-asset slot for its newest window with
    /// one fixed-size partial per output. Tumbling windows only (one window per record), and only
    /// aggregates that need no list of samples. A function of what the fingerprint describes, so
    /// versions with the same fingerprint lay their heads out alike.
    /// </summary>
    public bool HasHead => Aggregate.Window is BoundTumblingWindow && Outputs.All(o => !NeedsSamples(o.Function));

    public static bool NeedsSamples(AggregateFunction function) =>
        function is AggregateFunction.Median or AggregateFunction.Percentile or AggregateFunction.Twa or AggregateFunction.Integral;

    public static string Describe(BoundWindow window) => window switch
    {
        BoundTumblingWindow t => $"tumbling({t.Size},offset={t.Offset})",
        // Partials per pane (a step), not per window: state of the per-window layout is not resumed.
        BoundHoppingWindow h => $"hopping({h.Size},step={h.Step},panes)",
        BoundSessionWindow s => $"session({s.Gap},max={s.Max?.ToString() ?? "none"})",
        _ => window.GetType().Name,
    };
}
