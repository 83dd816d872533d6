using System.Collections.Immutable;
using System.Text;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>Turns a bound job (without errors) into a <see cref="JobPlan"/>.</summary>
public static class Planner
{
    /// <summary>Changes whenever generated code may change, so cached assemblies are never stale.</summary>
    public static string CompilerVersion { get; } =
        typeof(Planner).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static JobPlan Plan(BoundJob job, IEnumerable<Text.SourceText> sources)
    {
        var operators = job.Rules.SelectMany(Operators).ToImmutableArray();

        // Slots: inputs and outputs in rule order, so a job's slots are stable while its rules are.
        var read = job.Rules.SelectMany(r => r.ReadPoints).ToHashSet();
        var written = job.Rules.SelectMany(r => r.WrittenPoints).ToHashSet();
        var points = job.Rules
            .SelectMany(r => r.ReadPoints.Concat(r.WrittenPoints))
            .Distinct()
            .Select((p, slot) => new PlannedPoint(slot, p, read.Contains(p), written.Contains(p)))
            .ToImmutableArray();

        var models = points.Select(p => p.Symbol.Model).Distinct()
            .Select(m => new PlannedModel(m, m.Attributes))
            .ToImmutableArray();

        return new JobPlan(job, Version(sources), points, models, operators);
    }

    private static IEnumerable<OperatorPlan> Operators(BoundRule rule) => rule switch
    {
        BoundAggregateRule aggregate => aggregate.Outputs
            .GroupBy(o => o.Input)
            .Select(group => (OperatorPlan)new WindowOperatorPlan($"aggregate{rule.Ordinal}.{group.Key.Name}", aggregate, group.Key, [.. group])),
        BoundMergeRule merge => [new MergeOperatorPlan($"merge{rule.Ordinal}", merge, MergeInputs(merge))],
        BoundEnergyRule energy => [new EnergyOperatorPlan($"energy{rule.Ordinal}", energy)],
        _ => [],
    };

    /// <summary>The trigger first (input 0 for <c>on P</c>), then every other point read, in first-use order.</summary>
    private static ImmutableArray<PointSymbol> MergeInputs(BoundMergeRule merge)
    {
        var inputs = new List<PointSymbol>();
        if (merge.Trigger is BoundOnPointTrigger on)
            inputs.Add(on.Point);
        foreach (var point in merge.Outputs.SelectMany(o => o.Reads))
        {
            if (!inputs.Contains(point))
                inputs.Add(point);
        }
        return [.. inputs];
    }

    private static string Version(IEnumerable<Text.SourceText> sources)
    {
        var text = new StringBuilder(CompilerVersion);
        foreach (var source in sources)
            text.Append('\0').Append(source.Text);
        return Fingerprints.Of(text.ToString())[..7];
    }
}
