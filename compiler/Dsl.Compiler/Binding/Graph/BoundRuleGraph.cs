using System.Collections.Immutable;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>
/// Points → rules → points. A point written by a rule is an output; a point read by a rule
/// and written by none is an input of the job.
/// </summary>
public sealed class BoundRuleGraph
{
    private readonly Dictionary<PointSymbol, BoundRule> _writers;
    private readonly Dictionary<PointSymbol, ImmutableArray<BoundRule>> _readers;

    internal BoundRuleGraph(ImmutableArray<BoundRule> rules)
    {
        _writers = [];
        foreach (var rule in rules)
        {
            foreach (var point in rule.WrittenPoints)
                _writers.TryAdd(point, rule);
        }

        _readers = rules
            .SelectMany(rule => rule.ReadPoints.Select(point => (point, rule)))
            .GroupBy(pair => pair.point)
            .ToDictionary(group => group.Key, group => group.Select(pair => pair.rule).ToImmutableArray());

        Edges = [.. rules.SelectMany(to => to.ReadPoints
            .Where(_writers.ContainsKey)
            .Select(point => new BoundRuleEdge(_writers[point], point, to)))];
        Inputs = [.. rules.SelectMany(r => r.ReadPoints).Distinct().Where(p => !_writers.ContainsKey(p))];
        Outputs = [.. rules.SelectMany(r => r.WrittenPoints).Distinct()];
    }

    public ImmutableArray<BoundRuleEdge> Edges { get; }

    /// <summary>Points the job reads and no rule of it writes: the records it consumes.</summary>
    public ImmutableArray<PointSymbol> Inputs { get; }

    /// <summary>Points some rule of the job writes.</summary>
    public ImmutableArray<PointSymbol> Outputs { get; }

    public BoundRule? GetWriter(PointSymbol point) => _writers.GetValueOrDefault(point);

    public ImmutableArray<BoundRule> GetReaders(PointSymbol point) =>
        _readers.TryGetValue(point, out var readers) ? readers : ImmutableArray<BoundRule>.Empty;
}
