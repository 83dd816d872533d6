using System.Collections.Immutable;
using Dsl.Compiler.Binding;

namespace Dsl.Compiler.Planning;

/// <summary>
/// The job as the runtime will run it: points resolved to dense slots, one operator per unit
/// of state (an aggregate block splits into one window operator per input point, because
/// event-time progress is kept per point), operators in dependency order, and for every point
/// the operators that consume it.
/// </summary>
/// <param name="Version">Short hash of every source file and the compiler version; written to <c>attr.version</c>.</param>
public sealed record JobPlan(
    BoundJob Job,
    string Version,
    ImmutableArray<PlannedPoint> Points,
    ImmutableArray<PlannedModel> Models,
    ImmutableArray<OperatorPlan> Operators)
{
    public string Name => Job.Name;

    public PlannedPoint PointOf(Symbols.PointSymbol symbol) => Points.First(p => ReferenceEquals(p.Symbol, symbol));

    /// <summary>The consumers of a point in registration order: which operator, and under which input number.</summary>
    public IEnumerable<(OperatorPlan Operator, int Input)> ConsumersOf(PlannedPoint point)
    {
        foreach (var op in Operators)
        {
            var input = op.Inputs.IndexOf(point.Symbol);
            if (input >= 0)
                yield return (op, input);
        }
    }
}
