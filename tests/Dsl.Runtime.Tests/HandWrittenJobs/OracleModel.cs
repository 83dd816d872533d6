using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>
/// The model the oracle jobs share: three inputs, every output any oracle job writes, and two
/// attributes (<c>Rated</c> without a default, <c>Scale</c> defaulting to 1).
/// </summary>
public static class OracleModel
{
    public const string Model = "Turbine";

    public const int Power = 0;
    public const int Reactive = 1;
    public const int Meter = 2;

    /// <summary>First slot of the aggregate outputs, one per entry of <see cref="Aggregates"/>.</summary>
    public const int FirstAggregateOutput = 3;

    public const int Rated = 0;
    public const int Scale = 1;

    /// <summary>Power's valid range: values outside are invalid for every rule.</summary>
    public static ValueInterval PowerRange { get; } = ValueInterval.Closed(0, 3000);

    /// <summary>The aggregate outputs: one per function, then a filtered one, a filled count and one over an attribute.</summary>
    public static IReadOnlyList<AggregateOutput> Aggregates { get; } = BuildAggregates();

    public static int FirstMergeOutput => FirstAggregateOutput + Aggregates.Count;

    public const int MergeOutputCount = 5;

    public static int DailyEnergy => FirstMergeOutput + MergeOutputCount;

    public static int Energy15m => DailyEnergy + 1;

    public static JobManifest Manifest { get; } = BuildManifest();

    private static List<AggregateOutput> BuildAggregates()
    {
        var kinds = Enum.GetValues<AggregateKind>();
        var outputs = new List<AggregateOutput>();
        foreach (AggregateKind kind in kinds)
        {
            outputs.Add(new AggregateOutput(FirstAggregateOutput + outputs.Count, kind, Percent: kind == AggregateKind.Percentile ? 90 : 0));
        }

        // avg(Power) where Power >= 1000
        outputs.Add(new AggregateOutput(FirstAggregateOutput + outputs.Count, AggregateKind.Avg));

        // count(Power) where Power >= 2000 fill -1 (a fill other than 0 shows it is the fill that is written)
        outputs.Add(new AggregateOutput(FirstAggregateOutput + outputs.Count, AggregateKind.Count, Fill: -1));

        // sum(Power / Rated)
        outputs.Add(new AggregateOutput(FirstAggregateOutput + outputs.Count, AggregateKind.Sum));
        return outputs;
    }

    private static JobManifest BuildManifest()
    {
        var points = new List<PointManifest>
        {
            new(Model, "Power", PointKind.Ai, PointValueType.Double, "kW", PowerRange, IsInput: true, IsOutput: false),
            new(Model, "Reactive", PointKind.Ai, PointValueType.Double, "kvar", null, IsInput: true, IsOutput: false),
            new(Model, "Meter", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: true, IsOutput: false),
        };
        for (int i = 0; i < BuildAggregates().Count; i++)
        {
            points.Add(new(Model, $"Agg{i}", PointKind.Ai, PointValueType.Double, null, null, IsInput: false, IsOutput: true));
        }

        for (int i = 0; i < MergeOutputCount; i++)
        {
            points.Add(new(Model, $"Merge{i}", PointKind.Ai, PointValueType.Double, null, null, IsInput: false, IsOutput: true));
        }

        points.Add(new(Model, "DailyEnergy", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: false, IsOutput: true));
        points.Add(new(Model, "Energy15m", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: false, IsOutput: true));
        return new JobManifest(
            "oracle",
            "0000000",
            JobChannel.Offline,
            "Europe/Berlin",
            DefaultLatenessMs: 0,
            IdleMs: 600_000,
            [
                new ModelManifest(Model,
                [
                    new AttributeManifest("Rated", PointValueType.Double, "kW", null),
                    new AttributeManifest("Scale", PointValueType.Double, null, PointValue.FromNumber(1)),
                ]),
            ],
            points,
            []);
    }
}
