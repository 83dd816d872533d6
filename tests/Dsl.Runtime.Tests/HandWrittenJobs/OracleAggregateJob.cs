using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>
/// <c>aggregate Turbine window … { Agg0 = count(Power) … Agg17 = sum(Power / Rated) }</c> with the
/// window, lateness and emit policy of the test. Generated code would have them as constants.
/// </summary>
public sealed class OracleAggregateJob(WindowOptions options) : CompiledJob
{
    public override JobManifest Manifest => OracleModel.Manifest;

    public override JobInstance CreateInstance(JobContext context) => new Instance(context, options);

    private sealed class Instance : JobInstance
    {
        private readonly WindowOperator<Inputs, NoHead>? _windows;
        private readonly SessionWindowOperator<Inputs>? _sessions;

        public Instance(JobContext context, WindowOptions options)
            : base(context)
        {
            if (options.Window.Kind == WindowKind.Session)
            {
                _sessions = Register(new SessionWindowOperator<Inputs>(context, "aggregate0.Power", options, OracleModel.Aggregates));
            }
            else
            {
                _windows = Register(new WindowOperator<Inputs, NoHead>(context, "aggregate0.Power", options, OracleModel.Aggregates));
            }
        }

        protected override void Dispatch(in InputRecord record)
        {
            switch (record.Point)
            {
                case OracleModel.Power:
                    _windows?.OnRecord(record);
                    _sessions?.OnRecord(record);
                    break;
                default:
                    break;
            }
        }
    }

    private readonly struct Inputs : IWindowInputs
    {
        public EvalStatus Evaluate(int output, in InputRecord record, in AssetScope asset, out double value)
        {
            value = record.Value;
            switch (output)
            {
                case 15:
                    return record.Value >= 1000 ? EvalStatus.Ok : EvalStatus.Filtered;
                case 16:
                    return record.Value >= 2000 ? EvalStatus.Ok : EvalStatus.Filtered;
                case 17:
                    if (!asset.TryNumber(OracleModel.Rated, out double rated))
                    {
                        return EvalStatus.MissingAttribute;
                    }

                    value = record.Value / rated;
                    return EvalStatus.Ok;
                default:
                    return EvalStatus.Ok;
            }
        }
    }
}
