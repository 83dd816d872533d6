using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The fields of a window block's head struct. Outputs over the same expression (an expression
/// group, named by its first output) see the same values, so count, sum, avg, min and max share
/// one count per group, and two outputs that read the same sum share it too: <c>avg</c>, <c>max</c>,
/// <c>min</c> and <c>count</c> of one point are a count and three doubles. Every other aggregate
/// keeps its own full moments. The fields follow from the aggregate kinds and from which outputs
/// share an expression; checkpoints hold heads as moments, whatever this layout (a restored window
/// whose outputs had different counts goes to the keyed tables).
/// </summary>
internal sealed class HeadLayout
{
    private readonly WindowOperatorPlan _op;
    private readonly List<(int First, string Body)> _groups;

    public HeadLayout(WindowOperatorPlan op, List<(int First, string Body)> groups)
    {
        _op = op;
        _groups = groups;
    }

    /// <summary>The first output of each expression group, in output order.</summary>
    public IEnumerable<int> Groups => Enumerable.Range(0, _op.Outputs.Length).Where(i => _groups[i].First == i);

    public IEnumerable<int> Members(int group) => Enumerable.Range(0, _op.Outputs.Length).Where(i => _groups[i].First == group);

    public AggregateFunction Function(int output) => _op.Outputs[output].Function;

    /// <summary>Outputs of the group whose aggregate needs the full moments.</summary>
    public IEnumerable<int> MomentsMembers(int group) => Members(group).Where(i => !IsCompact(Function(i)));

    public bool HasCount(int group) => Members(group).Any(i => IsCompact(Function(i)));

    public bool HasSum(int group) => Members(group).Any(i => Function(i) is AggregateFunction.Sum or AggregateFunction.Avg);

    public bool Has(int group, AggregateFunction function) => Members(group).Any(i => Function(i) == function);

    /// <summary>Field declarations: each group's count, sum, max and min, then the full moments.</summary>
    public IEnumerable<string> Fields()
    {
        foreach (var group in Groups.Where(HasCount))
        {
            yield return $"long C{group}";
            if (HasSum(group))
                yield return $"double S{group}";
            if (Has(group, AggregateFunction.Max))
                yield return $"double X{group}";
            if (Has(group, AggregateFunction.Min))
                yield return $"double N{group}";
        }
        foreach (var output in Enumerable.Range(0, _op.Outputs.Length).Where(i => !IsCompact(Function(i))))
            yield return $"Moments O{output}";
    }

    /// <summary>The expression of the output's value count.</summary>
    public string CountOf(int output) => IsCompact(Function(output)) ? $"C{_groups[output].First}" : $"O{output}.Count";

    /// <summary>The expression of the output's result, given a non-zero count.</summary>
    public string Result(int output)
    {
        var group = _groups[output].First;
        return Function(output) switch
        {
            AggregateFunction.Sum => $"S{group}",
            AggregateFunction.Avg => $"S{group} / C{group}",
            AggregateFunction.Min => $"N{group}",
            AggregateFunction.Max => $"X{group}",
            AggregateFunction.Count => $"C{group}",
            var function => $"AggregateMath.FromMoments(AggregateKind.{function}, O{output})",
        };
    }

    /// <summary>
    /// The output's fields paired with the <c>Moments</c> members they stand for (a member path
    /// such as <c>.Sum</c>, or empty for the whole moments): what CopyTo writes and Load reads.
    /// </summary>
    public IEnumerable<(string Field, string Moments)> Moments(int output)
    {
        var group = _groups[output].First;
        switch (Function(output))
        {
            case AggregateFunction.Count:
                return [($"C{group}", ".Count")];
            case AggregateFunction.Sum or AggregateFunction.Avg:
                return [($"C{group}", ".Count"), ($"S{group}", ".Sum")];
            case AggregateFunction.Max:
                return [($"C{group}", ".Count"), ($"X{group}", ".Max")];
            case AggregateFunction.Min:
                return [($"C{group}", ".Count"), ($"N{group}", ".Min")];
            default:
                return [($"O{output}", "")];
        }
    }

    private static bool IsCompact(AggregateFunction function) =>
        function is AggregateFunction.Count or AggregateFunction.Sum or AggregateFunction.Avg or AggregateFunction.Min or AggregateFunction.Max;
}
