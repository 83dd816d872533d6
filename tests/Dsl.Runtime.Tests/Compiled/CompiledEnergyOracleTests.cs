using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The energy oracle comparisons of <see cref="EnergyOracleTests"/>, on compiled jobs. The oracle is
/// configured with the <see cref="EnergyOptions"/> the hand-written test uses; the compiled job says
/// the same in the language.
/// </summary>
public sealed class CompiledEnergyOracleTests
{
    public static TheoryData<string> Cases { get; } =
    [
        "meter, in order",
        "meter, lateness 30m, rollover",
        "meter in Wh, lateness 30m, rollover",
        "meter, split, lateness 1h",
        "instant power, range, missing last, lateness 20m",
        "average power in W, missing ignore, split, lateness 45m",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_energy_totals_match_the_sequential_algorithm_over_accepted_readings(string name)
    {
        var (options, source) = Describe(name);
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 65537);
            var series = new List<TestRecord>();
            long from = seed == 1 ? At("2026-03-27T18:00:00Z") : At("2026-10-24T06:00:00Z");
            long to = from + (3 * Day);
            foreach (string asset in OracleAssets.Ids)
            {
                series.AddRange(options.Method == EnergyMethod.Meter
                    ? EnergyOracleTests.MeterSeries(random, asset, from, to, perKwh: 1 / options.UnitFactor, boundRate: Slope.Upper)
                    : StreamGenerator.Series(random, asset, OracleModel.Power, from, to, Minute, 12 * Minute, (r, time) => EnergyOracleTests.PowerSample(r, time, options)));
            }

            var records = options.LatenessMs == 0
                ? series.OrderBy(r => r.Time).ToList()
                : StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: options.LatenessMs * 2, veryLateShare: 0.02, veryLateDelay: Day);
            var actual = OutputComparison.LastValues(CompiledHarness.Run(source, records));
            var expected = EnergyOracle.Expected(records, options, Slope);
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"compiled {name}, seed {seed}");
        }
    }

    /// <summary>
    /// The meters' slope: 3600 kWh/h, a bound that a rate computed by binary division overshoots
    /// over many durations (1 kWh a second for 5.5 minutes is 3600.0000000000005), while the
    /// generator writes steps exactly at it.
    /// </summary>
    private static ValueInterval Slope { get; } = ValueInterval.Closed(0, 3600);

    private static (EnergyOptions Options, string Source) Describe(string name)
    {
        EnergyOutput[] outputs = [EnergyOutput.Daily(OracleModel.DailyEnergy), new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))];
        return name switch
        {
            "meter, in order" => (
                new EnergyOptions(EnergyMethod.Meter, outputs),
                OracleJobSource.Energy("Meter by meter", "kW", "slope [0, 3600]")),
            "meter, lateness 30m, rollover" => (
                new EnergyOptions(EnergyMethod.Meter, outputs, Rollover: EnergyOracle.Rollover, LatenessMs: 30 * Minute),
                OracleJobSource.Energy("Meter by meter", "kW", "slope [0, 3600]\n  rollover 1000000\n  lateness 30m")),
            "meter in Wh, lateness 30m, rollover" => (
                new EnergyOptions(EnergyMethod.Meter, outputs, Rollover: EnergyOracle.Rollover * 1000, UnitFactor: 0.001, LatenessMs: 30 * Minute),
                OracleJobSource.Energy("Meter by meter", "kW", "slope [0, 3600]\n  rollover 1000000000\n  lateness 30m", meterUnit: "Wh")),
            "meter, split, lateness 1h" => (
                new EnergyOptions(EnergyMethod.Meter, outputs, Split: true, LatenessMs: Hour),
                OracleJobSource.Energy("Meter by meter", "kW", "slope [0, 3600]\n  split\n  lateness 1h")),
            "instant power, range, missing last, lateness 20m" => (
                new EnergyOptions(EnergyMethod.InstantPower, outputs, PowerRange: ValueInterval.Open(0, 2900), Missing: MissingPolicy.Last, LatenessMs: 20 * Minute),
                OracleJobSource.Energy("Power by instant_power", "kW", "range (0, 2900)\n  missing last\n  lateness 20m")),
            "average power in W, missing ignore, split, lateness 45m" => (
                new EnergyOptions(EnergyMethod.AveragePower, outputs, Split: true, PowerRange: ValueInterval.Closed(0.1, 2.8), Missing: MissingPolicy.Ignore, UnitFactor: 0.001, LatenessMs: 45 * Minute),
                OracleJobSource.Energy("Power by average_power", "W", "range [0.1, 2.8]\n  missing ignore\n  split\n  lateness 45m")),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
