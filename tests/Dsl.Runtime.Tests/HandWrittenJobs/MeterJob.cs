using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>An energy rule on the oracle model with the slope and scale of the test (constants in generated code).</summary>
public sealed class MeterJob(EnergyOptions options, ValueInterval slope, double scale = 1) : CompiledJob
{
    public override JobManifest Manifest => OracleModel.Manifest;

    public override JobInstance CreateInstance(JobContext context) =>
        new Instance(context, options, new FixedParameters(slope, scale));

    private sealed class Instance : JobInstance
    {
        private readonly EnergyOperator<FixedParameters> _energy0;
        private readonly int _input;

        public Instance(JobContext context, EnergyOptions options, FixedParameters parameters)
            : base(context)
        {
            _input = options.Method == EnergyMethod.Meter ? OracleModel.Meter : OracleModel.Power;
            _energy0 = Register(new EnergyOperator<FixedParameters>(context, "energy0", options, parameters));
        }

        protected override void Dispatch(in InputRecord record)
        {
            if (record.Point == _input)
            {
                _energy0.OnRecord(record);
            }
        }
    }

    private readonly struct FixedParameters(ValueInterval slope, double scale) : IEnergyParameters
    {
        public EvalStatus Slope(in AssetScope asset, out ValueInterval value)
        {
            value = slope;
            return EvalStatus.Ok;
        }

        public EvalStatus Scale(in AssetScope asset, out double value)
        {
            value = scale;
            return EvalStatus.Ok;
        }

        public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)
        {
            range = null;
            return EvalStatus.Ok;
        }
    }
}
