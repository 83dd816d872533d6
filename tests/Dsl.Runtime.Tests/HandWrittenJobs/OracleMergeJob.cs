using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Merge;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>
/// <code>
/// merge Turbine on Power | every D [hold H] {
///   Merge0 = sqrt(Power ^ 2 + Reactive ^ 2)
///   Merge1 = Power / Rated
///   Merge2 = delta(Power)
///   Merge3 = age(Reactive)
///   Merge4 = coalesce(Reactive, 0) + hour()
/// }
/// </code>
/// </summary>
public sealed class OracleMergeJob(MergeTrigger trigger, GridSpec grid, long holdMs, long retentionMs) : CompiledJob
{
    private readonly MergeTrigger _trigger = trigger;
    private readonly GridSpec _grid = grid;
    private readonly long _holdMs = holdMs;
    private readonly long _retentionMs = retentionMs;

    public override JobManifest Manifest => OracleModel.Manifest;

    public override JobInstance CreateInstance(JobContext context) => new Instance(context, this);

    private sealed class Instance : JobInstance
    {
        private readonly MergeOperator<Outputs> _merge0;

        public Instance(JobContext context, OracleMergeJob job)
            : base(context)
        {
            int first = OracleModel.FirstMergeOutput;
            _merge0 = Register(new MergeOperator<Outputs>(
                context,
                "merge0",
                new MergeOptions(
                    job._trigger,
                    InputPoints: [OracleModel.Power, OracleModel.Reactive],
                    OutputPoints: [first, first + 1, first + 2, first + 3, first + 4],
                    TriggerInput: 0,
                    Grid: job._grid,
                    HoldMs: job._holdMs,
                    RetentionMs: job._retentionMs)));
        }

        protected override void Dispatch(in InputRecord record)
        {
            switch (record.Point)
            {
                case OracleModel.Power:
                    _merge0.OnRecord(record, 0);
                    break;
                case OracleModel.Reactive:
                    _merge0.OnRecord(record, 1);
                    break;
                default:
                    break;
            }
        }
    }

    private readonly struct Outputs : IMergeOutputs
    {
        public void EvaluateAll(in MergeScope scope, in MergeEmitter emitter)
        {
            for (int output = 0; output < 5; output++)
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
                    if (!scope.TryValue(0, out double p) || !scope.TryValue(1, out double q))
                    {
                        return EvalStatus.Missing;
                    }

                    value = PointValue.FromNumber(Math.Sqrt(Math.Pow(p, 2) + Math.Pow(q, 2)));
                    return EvalStatus.Ok;
                }

                case 1:
                {
                    if (!scope.TryValue(0, out double p))
                    {
                        return EvalStatus.Missing;
                    }

                    if (!scope.Asset.TryNumber(OracleModel.Rated, out double rated))
                    {
                        return EvalStatus.MissingAttribute;
                    }

                    value = PointValue.FromNumber(p / rated);
                    return EvalStatus.Ok;
                }

                case 2:
                {
                    if (!scope.TryDelta(0, out double d))
                    {
                        return EvalStatus.Missing;
                    }

                    value = PointValue.FromNumber(d);
                    return EvalStatus.Ok;
                }

                case 3:
                {
                    if (!scope.TryAge(1, out double age))
                    {
                        return EvalStatus.Missing;
                    }

                    value = PointValue.FromNumber(age);
                    return EvalStatus.Ok;
                }

                default:
                {
                    // coalesce absorbs a missing Reactive.
                    double q = scope.TryValue(1, out double v) ? v : 0;
                    value = PointValue.FromNumber(q + scope.Hour());
                    return EvalStatus.Ok;
                }
            }
        }
    }
}
