using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>
    /// Orders the rules so each comes after the rules whose outputs it reads (ties in source
    /// order), and reports every cycle once, at its first rule, naming the points around it; a
    /// rule that reads one of its own outputs is reported as such (DSL3061).
    /// </summary>
    private ImmutableArray<BoundRule> OrderRules(IReadOnlyList<BoundRule> rules)
    {
        var writers = new Dictionary<PointSymbol, BoundRule>();
        foreach (var rule in rules)
        {
            foreach (var point in rule.WrittenPoints)
                writers.TryAdd(point, rule);
        }

        // Edges: writer → reader, through the point.
        var successors = rules.ToDictionary(r => r, _ => new List<(PointSymbol Point, BoundRule To)>());
        var indegree = rules.ToDictionary(r => r, _ => 0);
        foreach (var reader in rules)
        {
            foreach (var point in reader.ReadPoints)
            {
                if (writers.TryGetValue(point, out var writer))
                {
                    successors[writer].Add((point, reader));
                    indegree[reader]++;
                }
            }
        }

        ReportCycles(rules, successors);

        var ordered = new List<BoundRule>();
        var remaining = new SortedSet<BoundRule>(rules, Comparer<BoundRule>.Create((a, b) => a.Ordinal.CompareTo(b.Ordinal)));
        while (remaining.Count > 0)
        {
            // The first rule in source order that is ready; inside a cycle (already reported)
            // nothing is ready, so take the first remaining one to finish the order anyway.
            var next = remaining.FirstOrDefault(r => indegree[r] == 0) ?? remaining.Min;
            if (next is null)
                break;
            remaining.Remove(next);
            ordered.Add(next);
            foreach (var (_, to) in successors[next])
                indegree[to]--;
        }
        return [.. ordered];
    }

    private void ReportCycles(IReadOnlyList<BoundRule> rules, Dictionary<BoundRule, List<(PointSymbol Point, BoundRule To)>> successors)
    {
        var reported = new HashSet<BoundRule>();
        foreach (var start in rules)
        {
            if (reported.Contains(start))
                continue;
            var path = FindCycle(start, successors);
            if (path is null)
                continue;

            var members = path.Select(step => step.From).ToArray();
            foreach (var member in members)
                reported.Add(member);

            // A rule that reads its own output is not a cycle between rules: say what it is.
            if (path.Count == 1)
            {
                ReportReadsOwnOutput(RuleKeywordSpan(start), start.DisplayName, start.Model, path[0].Point, ReadsItself(start, path[0].Point));
                continue;
            }

            var text = string.Join(" → ", path.Select(step => $"{step.From.DisplayName} writes \"{step.Point.Name}\"")) + $" → read by {start.DisplayName}";
            Report(DiagnosticDescriptors.RuleCycle, RuleKeywordSpan(start), text);
        }
    }

    /// <summary>The shortest path of edges from <paramref name="start"/> back to itself, or null.</summary>
    private static List<(BoundRule From, PointSymbol Point)>? FindCycle(BoundRule start, Dictionary<BoundRule, List<(PointSymbol Point, BoundRule To)>> successors)
    {
        var previous = new Dictionary<BoundRule, (BoundRule From, PointSymbol Point)>();
        var queue = new Queue<BoundRule>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var (point, to) in successors[current])
            {
                if (to == start)
                {
                    var path = new List<(BoundRule, PointSymbol)> { (current, point) };
                    var node = current;
                    while (node != start && previous.TryGetValue(node, out var step))
                    {
                        path.Add(step);
                        node = step.From;
                    }
                    path.Reverse();
                    return path;
                }
                if (to != start && previous.TryAdd(to, (current, point)))
                    queue.Enqueue(to);
            }
        }
        return null;
    }

    /// <summary>
    /// DSL3061. An output that reads another of its block is told to repeat that one's expression or
    /// chain a second rule; one that reads its own value (<c>Total = Total + P</c>, a running total)
    /// is told to read other points instead, since neither of those would stop it reading itself.
    /// </summary>
    private void ReportReadsOwnOutput(Text.TextSpan keyword, string rule, ModelSymbol model, PointSymbol point, bool itself) =>
        Report(DiagnosticDescriptors.RuleReadsOwnOutput, keyword, rule, point.Name, itself
            ? $"An output is computed from the rule's inputs, so \"{point.Name}\" cannot be computed from its own value; compute it from other points "
                + "(a total over time is an aggregate such as sum in a window, or from a meter or power an energy rule)."
            : $"The outputs of a rule are computed together, from the values before the rule runs, so one output cannot read another; repeat the expression of \"{point.Name}\" in place, "
                + $"or move the outputs that read it to a second rule, e.g. merge {ReservedWords.Quote(model.Name)} on {ReservedWords.Quote(point.Name)} {{ … }}.");

    /// <summary>Whether the output <paramref name="point"/> of <paramref name="rule"/> is computed from itself.</summary>
    private static bool ReadsItself(BoundRule rule, PointSymbol point) => rule switch
    {
        BoundAggregateRule aggregate => aggregate.Outputs.Any(output => output.Target == point && output.Input == point),
        BoundMergeRule merge => merge.Outputs.Any(output => output.Target == point && output.Reads.Contains(point)),
        _ => true,
    };

    /// <summary>Cycles are reported at the keyword of the rule (aggregate, merge or energy).</summary>
    private static Text.TextSpan RuleKeywordSpan(BoundRule rule) =>
        new(rule.Span.Start, Math.Min(rule.Kind.ToString().Length, rule.Span.Length));
}
