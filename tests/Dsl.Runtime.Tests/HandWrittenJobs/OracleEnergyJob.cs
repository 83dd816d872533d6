using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>
/// <code>
/// energy Turbine from Meter by meter {          // or: from Power by instant_power | average_power
///   slope [0, 5000]
///   scale Scale
///   daily DailyEnergy
///   every 15m Energy15m
///   rollover …  split  range …  missing …       // as the test asks
/// }
/// </code>
/// </summary>
/// <remarks>With <paramref name="generalPathOnly"/>, every record takes the rule's general path, never the one for its newest readings.</remarks>
public sealed class OracleEnergyJob(EnergyOptions options, bool generalPathOnly = false) : CompiledJob
{
    public static ValueInterval Slope { get; } = ValueInterval.Closed(0, 5000);

    public override JobManifest Manifest => OracleModel.Manifest;

    public override JobInstance CreateInstance(JobContext context) => new Instance(context, options, generalPathOnly);

    private sealed class Instance : JobInstance
    {
        private readonly EnergyOperator<Parameters> _energy0;
        private readonly int _input;
        private readonly bool _generalPathOnly;

        public Instance(JobContext context, EnergyOptions options, bool generalPathOnly)
            : base(context)
        {
            _generalPathOnly = generalPathOnly;
            _input = options.Method == EnergyMethod.Meter ? OracleModel.Meter : OracleModel.Power;
            _energy0 = Register(new EnergyOperator<Parameters>(context, "energy0", options));
        }

        protected override void Dispatch(in InputRecord record)
        {
            if (record.Point == _input && _generalPathOnly)
            {
                _energy0.OnRecordInGeneral(record);
            }
            else if (record.Point == _input)
            {
                _energy0.OnRecord(record);
            }
        }
    }

    public readonly struct Parameters : IEnergyParameters
    {
        public EvalStatus Slope(in AssetScope asset, out ValueInterval slope)
        {
            slope = OracleEnergyJob.Slope;
            return EvalStatus.Ok;
        }

        public EvalStatus Scale(in AssetScope asset, out double scale) =>
            asset.TryNumber(OracleModel.Scale, out scale) ? EvalStatus.Ok : EvalStatus.MissingAttribute;

        public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)
        {
            range = null;
            return EvalStatus.Ok;
        }
    }
}
