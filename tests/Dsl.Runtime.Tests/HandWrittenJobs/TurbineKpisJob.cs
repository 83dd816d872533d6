using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Operators.Merge;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>
/// What the code generator emits for this job, written by hand against the runtime contract:
/// <code>
/// job turbine_kpis
/// settings { timezone "Europe/Berlin" lateness 5m }
/// model WindTurbine {
///   ai ActivePower: double kW range [-100, 3500]
///   ai ReactivePower kvar
///   pi EnergyMeter kWh
///   attribute RatedPower: double = 3000 kW
///   attribute MeterScale = 1
///   ai ActivePowerAvg10m kW   ai ActivePowerMax10m kW   ai Samples10m: long
///   ai ApparentPower kVA      ai LoadFactor             ai ApparentPowerMax10m kVA
///   pi DailyEnergy kWh        pi Energy15m kWh
/// }
/// merge WindTurbine on ActivePower hold 10m {
///   ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
///   LoadFactor    = ActivePower / RatedPower
/// }
/// aggregate WindTurbine window tumbling 10m {
///   ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
///   ActivePowerMax10m = max(ActivePower)
///   Samples10m        = count(ActivePower) fill 0
///   ApparentPowerMax10m = max(ApparentPower)      // chained: a merge output
/// }
/// energy WindTurbine from EnergyMeter by meter {
///   slope [0, RatedPower * 1.2]
///   scale MeterScale
///   daily DailyEnergy
///   every 15m Energy15m
/// }
/// </code>
/// Operators are one per (aggregate block, input point), one per merge block and one per energy
/// rule, registered in topological order of the rule graph.
/// </summary>
public sealed class TurbineKpisJob : CompiledJob
{
    // Point slots: the index in the manifest's point list.
    public const int ActivePower = 0;
    public const int ReactivePower = 1;
    public const int EnergyMeter = 2;
    public const int ActivePowerAvg10m = 3;
    public const int ActivePowerMax10m = 4;
    public const int Samples10m = 5;
    public const int ApparentPower = 6;
    public const int LoadFactor = 7;
    public const int ApparentPowerMax10m = 8;
    public const int DailyEnergy = 9;
    public const int Energy15m = 10;

    // Attribute indexes of WindTurbine.
    public const int RatedPower = 0;
    public const int MeterScale = 1;

    public static JobManifest StaticManifest { get; } = new(
        Name: "turbine_kpis",
        Version: "3f2a9c1",
        Channel: JobChannel.Realtime,
        TimeZone: "Europe/Berlin",
        DefaultLatenessMs: 300_000,
        IdleMs: 600_000,
        Models:
        [
            new ModelManifest("WindTurbine",
            [
                new AttributeManifest("RatedPower", PointValueType.Double, "kW", PointValue.FromNumber(3000)),
                new AttributeManifest("MeterScale", PointValueType.Double, null, PointValue.FromNumber(1)),
            ]),
        ],
        Points:
        [
            new PointManifest("WindTurbine", "ActivePower", PointKind.Ai, PointValueType.Double, "kW", ValueInterval.Closed(-100, 3500), IsInput: true, IsOutput: false),
            new PointManifest("WindTurbine", "ReactivePower", PointKind.Ai, PointValueType.Double, "kvar", null, IsInput: true, IsOutput: false),
            new PointManifest("WindTurbine", "EnergyMeter", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: true, IsOutput: false),
            new PointManifest("WindTurbine", "ActivePowerAvg10m", PointKind.Ai, PointValueType.Double, "kW", null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "ActivePowerMax10m", PointKind.Ai, PointValueType.Double, "kW", null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "Samples10m", PointKind.Ai, PointValueType.Long, null, null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "ApparentPower", PointKind.Ai, PointValueType.Double, "kVA", null, IsInput: true, IsOutput: true),
            new PointManifest("WindTurbine", "LoadFactor", PointKind.Ai, PointValueType.Double, null, null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "ApparentPowerMax10m", PointKind.Ai, PointValueType.Double, "kVA", null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "DailyEnergy", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: false, IsOutput: true),
            new PointManifest("WindTurbine", "Energy15m", PointKind.Pi, PointValueType.Double, "kWh", null, IsInput: false, IsOutput: true),
        ],
        Operators:
        [
            new OperatorManifest("merge0", "merge", "m0:on(0)hold(600000)"),
            new OperatorManifest("aggregate0.ActivePower", "window", "w0:tumbling(600000)"),
            new OperatorManifest("aggregate0.ApparentPower", "window", "w1:tumbling(600000)"),
            new OperatorManifest("energy0", "energy", "e0:meter"),
        ]);

    public override JobManifest Manifest => StaticManifest;

    public override JobInstance CreateInstance(JobContext context) => new Instance(context);

    private sealed class Instance : JobInstance
    {
        private readonly MergeOperator<Merge0> _merge0;
        private readonly WindowOperator<Aggregate0ActivePower, NoHead> _aggregate0ActivePower;
        private readonly WindowOperator<Aggregate0ApparentPower, NoHead> _aggregate0ApparentPower;
        private readonly EnergyOperator<Energy0> _energy0;

        public Instance(JobContext context)
            : base(context)
        {
            _merge0 = Register(new MergeOperator<Merge0>(
                context,
                "merge0",
                new MergeOptions(
                    MergeTrigger.OnPoint,
                    InputPoints: [ActivePower, ReactivePower],
                    OutputPoints: [ApparentPower, LoadFactor],
                    TriggerInput: 0,
                    HoldMs: 600_000,
                    RetentionMs: 300_000)));
            var window = new WindowOptions(WindowSpec.Tumbling(600_000), LatenessMs: 300_000);
            _aggregate0ActivePower = Register(new WindowOperator<Aggregate0ActivePower, NoHead>(
                context,
                "aggregate0.ActivePower",
                window,
                [
                    new AggregateOutput(ActivePowerAvg10m, AggregateKind.Avg),
                    new AggregateOutput(ActivePowerMax10m, AggregateKind.Max),
                    new AggregateOutput(Samples10m, AggregateKind.Count, Fill: 0),
                ]));
            _aggregate0ApparentPower = Register(new WindowOperator<Aggregate0ApparentPower, NoHead>(
                context,
                "aggregate0.ApparentPower",
                window,
                [new AggregateOutput(ApparentPowerMax10m, AggregateKind.Max)]));
            _energy0 = Register(new EnergyOperator<Energy0>(
                context,
                "energy0",
                new EnergyOptions(
                    EnergyMethod.Meter,
                    [EnergyOutput.Daily(DailyEnergy), new EnergyOutput(Energy15m, GridSpec.Fixed(900_000))],
                    LatenessMs: 300_000)));
        }

        protected override void Dispatch(in InputRecord record)
        {
            switch (record.Point)
            {
                case ActivePower:
                    _merge0.OnRecord(record, 0);
                    _aggregate0ActivePower.OnRecord(record);
                    break;
                case ReactivePower:
                    _merge0.OnRecord(record, 1);
                    break;
                case ApparentPower:
                    _aggregate0ApparentPower.OnRecord(record);
                    break;
                case EnergyMeter:
                    _energy0.OnRecord(record);
                    break;
                default:
                    break;
            }
        }
    }

    private readonly struct Aggregate0ActivePower : IWindowInputs
    {
        public EvalStatus Evaluate(int output, in InputRecord record, in AssetScope asset, out double value)
        {
            value = record.Value;
            switch (output)
            {
                case 0:
                    // avg(ActivePower) where ActivePower in [0, 3500)
                    return record.Value >= 0 && record.Value < 3500 ? EvalStatus.Ok : EvalStatus.Filtered;
                default:
                    return EvalStatus.Ok;
            }
        }
    }

    private readonly struct Aggregate0ApparentPower : IWindowInputs
    {
        public EvalStatus Evaluate(int output, in InputRecord record, in AssetScope asset, out double value)
        {
            value = record.Value;
            return EvalStatus.Ok;
        }
    }

    private readonly struct Merge0 : IMergeOutputs
    {
        public void EvaluateAll(in MergeScope scope, in MergeEmitter emitter)
        {
            for (int output = 0; output < 2; output++)
            {
                emitter.Result(output, Evaluate(output, scope, out PointValue value), value);
            }
        }

        private static EvalStatus Evaluate(int output, in MergeScope scope, out PointValue value)
        {
            value = default;
            switch (output)
            {
                case 0:
                {
                    // sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
                    if (!scope.TryValue(0, out double v0) || !scope.TryValue(1, out double v1))
                    {
                        return EvalStatus.Missing;
                    }

                    value = PointValue.FromNumber(System.Math.Sqrt(System.Math.Pow(v0, 2) + System.Math.Pow(v1, 2)));
                    return EvalStatus.Ok;
                }

                default:
                {
                    // ActivePower / RatedPower
                    if (!scope.TryValue(0, out double v0))
                    {
                        return EvalStatus.Missing;
                    }

                    if (!scope.Asset.TryNumber(RatedPower, out double a0))
                    {
                        return EvalStatus.MissingAttribute;
                    }

                    value = PointValue.FromNumber(v0 / a0);
                    return EvalStatus.Ok;
                }
            }
        }
    }

    private readonly struct Energy0 : IEnergyParameters
    {
        public EvalStatus Slope(in AssetScope asset, out ValueInterval slope)
        {
            // slope [0, RatedPower * 1.2]
            slope = default;
            if (!asset.TryNumber(RatedPower, out double a0))
            {
                return EvalStatus.MissingAttribute;
            }

            slope = ValueInterval.Closed(0, a0 * 1.2);
            return EvalStatus.Ok;
        }

        public EvalStatus Scale(in AssetScope asset, out double scale)
        {
            // scale MeterScale
            return asset.TryNumber(MeterScale, out scale) ? EvalStatus.Ok : EvalStatus.MissingAttribute;
        }

        public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)
        {
            range = null;
            return EvalStatus.Ok;
        }
    }
}
