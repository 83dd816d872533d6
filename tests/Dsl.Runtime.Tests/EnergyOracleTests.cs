using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// Energy rules against <see cref="EnergyOracle"/> (the spec's sequential algorithm over the accepted
/// readings) on seeded random meters with flats, spikes, resets, jitter and counter wraps, across
/// midnight and the Europe/Berlin DST days, read out of order.
/// </summary>
public sealed class EnergyOracleTests
{
    public static TheoryData<string> Cases { get; } =
    [
        "meter, in order",
        "meter, lateness 30m, rollover",
        "meter, daily only, lateness 30m",
        "meter in Wh, lateness 30m, rollover",
        "meter, split, lateness 1h",
        "meter, split, daily and weekly, lateness 1h",
        "instant power, range, missing last, lateness 20m",
        "average power in W, missing ignore, split, lateness 45m",
        "average power in W, missing ignore, lateness 45m",

        // Hundreds of readings in the horizon: late readings step from its snapshots.
        "dense meter, lateness 2h",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Energy_totals_match_the_sequential_algorithm_over_accepted_readings(string name) =>
        AssertMatchesOracle(name, OracleAssets.Ids, seed => seed == 1 ? At("2026-03-27T18:00:00Z") : At("2026-10-24T06:00:00Z"));

    /// <summary>
    /// Days and quarters of an hour in zones that shift by 30 minutes (Lord Howe), at midnight
    /// (Santiago), or sit 5:45 off UTC (Kathmandu), over their 2026 DST changes.
    /// </summary>
    [Theory]
    [InlineData("meter, split, lateness 1h")]
    [InlineData("meter, lateness 30m, rollover")]
    [InlineData("average power in W, missing ignore, split, lateness 45m")]
    public void Energy_totals_match_the_sequential_algorithm_in_zones_with_unusual_days(string name) =>
        AssertMatchesOracle(name, OracleAssets.UnusualZoneIds, seed => seed switch
        {
            1 => At("2026-04-03T00:00:00Z"),
            2 => At("2026-09-04T12:00:00Z"),
            _ => At("2026-10-02T00:00:00Z"),
        });

    /// <summary>
    /// The same around Goose Bay's fall-back at 00:01 on 7 November 2010, which repeats the last
    /// hour of the 6th in the 7th: every seed has Goose Bay readings in that second pass.
    /// </summary>
    [Theory]
    [InlineData("meter, lateness 30m, rollover")]
    [InlineData("meter, split, lateness 1h")]
    public void Energy_totals_match_the_sequential_algorithm_across_a_fall_back_just_after_midnight(string name) =>
        AssertMatchesOracle(name, OracleAssets.UnusualZoneIds, _ => At("2010-11-06T00:00:00Z"),
            mustCover: ("goosebay", At("2010-11-07T03:01:00Z"), At("2010-11-07T04:00:00Z")));

    private static void AssertMatchesOracle(string name, string[] assets, Func<int, long> start, (string Asset, long From, long To)? mustCover = null)
    {
        EnergyOptions options = Options(name);
        for (int seed = 1; seed <= 3; seed++)
        {
            var random = new Random(seed * 65537);
            var series = new List<TestRecord>();
            long from = start(seed);
            long to = from + (3 * Day);
            foreach (string asset in assets)
            {
                series.AddRange(options.Method == EnergyMethod.Meter
                    ? MeterSeries(random, asset, from, to, dense: name.StartsWith("dense", StringComparison.Ordinal), perKwh: 1 / options.UnitFactor)
                    : StreamGenerator.Series(random, asset, OracleModel.Power, from, to, Minute, 12 * Minute, (r, time) => PowerSample(r, time, options)));
            }

            if (mustCover is var (coveredAsset, coverFrom, coverTo))
            {
                Assert.Contains(series, r => r.Asset == coveredAsset && r.Time >= coverFrom && r.Time < coverTo);
            }

            var records = options.LatenessMs == 0
                ? series.OrderBy(r => r.Time).ToList()
                : StreamGenerator.Arrive(random, series, delayedShare: 0.15, maxDelay: options.LatenessMs * 2, veryLateShare: 0.02, veryLateDelay: Day);
            JobHarness run = Run(new OracleEnergyJob(options), records);
            var actual = OutputComparison.LastValues(run.Outputs);
            var expected = EnergyOracle.Expected(records, options);
            Assert.NotEmpty(expected);
            OutputComparison.AssertEquivalent(expected, actual, $"{name}, seed {seed}");

            // The path for the newest readings only skips what the general path would find: with
            // every record on the general path, the same outputs in the same order, the same counts.
            JobHarness general = Run(new OracleEnergyJob(options, generalPathOnly: true), records);
            Assert.Equal(general.Outputs, run.Outputs);
            Assert.Equal(general.Counters.Summary(), run.Counters.Summary());
        }
    }

    /// <summary>
    /// A step pro-rated into the 07:00 interval, which holds no reading, makes it due and emitted
    /// with 50; a reading at 06:59:30, late within lateness, then takes the whole increase, and
    /// the following reading is flat. The interval emitted is updated to 0 (found at seed 4).
    /// </summary>
    [Fact]
    public void An_emitted_interval_whose_pro_rated_energy_a_late_reading_takes_away_is_updated_to_zero()
    {
        var options = new EnergyOptions(EnergyMethod.Meter, [EnergyOutput.Daily(OracleModel.DailyEnergy), new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))], Split: true, LatenessMs: Hour);
        List<TestRecord> records =
        [
            new("newyork", OracleModel.Meter, At("2026-10-24T06:58:00Z"), 1000),
            new("newyork", OracleModel.Meter, At("2026-10-24T07:16:00Z"), 1060),
            new("newyork", OracleModel.Meter, At("2026-10-24T06:59:30Z"), 1060),
        ];

        JobHarness run = Run(new OracleEnergyJob(options), records);

        Assert.Contains(run.Outputs, e => e.Point == OracleModel.Energy15m && e.Time == At("2026-10-24T07:00:00Z") && e is { Value: 50, Mode: CalMode.Ontime });
        var expected = new Dictionary<OutputKey, double>
        {
            [new("newyork", OracleModel.Energy15m, At("2026-10-24T06:45:00Z"))] = 60,
            [new("newyork", OracleModel.Energy15m, At("2026-10-24T07:00:00Z"))] = 0,
            [new("newyork", OracleModel.Energy15m, At("2026-10-24T07:15:00Z"))] = 0,
            [new("newyork", OracleModel.DailyEnergy, At("2026-10-24T04:00:00Z"))] = 60,
        };
        OutputComparison.AssertEquivalent(expected, OutputComparison.LastValues(run.Outputs), "runtime");
        OutputComparison.AssertEquivalent(expected, EnergyOracle.Expected(records, options), "oracle");
    }

    private static JobHarness Run(OracleEnergyJob job, List<TestRecord> records)
    {
        var harness = new JobHarness(job, OracleAssets.MasterData);
        harness.Feed(records);
        harness.Complete();
        return harness;
    }

    private static EnergyOptions Options(string name)
    {
        EnergyOutput[] outputs = [EnergyOutput.Daily(OracleModel.DailyEnergy), new EnergyOutput(OracleModel.Energy15m, GridSpec.Fixed(15 * Minute))];
        return name switch
        {
            "meter, in order" => new EnergyOptions(EnergyMethod.Meter, outputs),
            "dense meter, lateness 2h" => new EnergyOptions(EnergyMethod.Meter, outputs, LatenessMs: 2 * Hour),
            "meter, lateness 30m, rollover" => new EnergyOptions(EnergyMethod.Meter, outputs, Rollover: EnergyOracle.Rollover, LatenessMs: 30 * Minute),
            "meter, daily only, lateness 30m" => new EnergyOptions(EnergyMethod.Meter, [outputs[0]], LatenessMs: 30 * Minute),
            "meter in Wh, lateness 30m, rollover" =>
                new EnergyOptions(EnergyMethod.Meter, outputs, Rollover: EnergyOracle.Rollover * 1000, UnitFactor: 0.001, LatenessMs: 30 * Minute),
            "meter, split, lateness 1h" => new EnergyOptions(EnergyMethod.Meter, outputs, Split: true, LatenessMs: Hour),
            "meter, split, daily and weekly, lateness 1h" =>
                new EnergyOptions(EnergyMethod.Meter, [outputs[0], new EnergyOutput(OracleModel.Energy15m, GridSpec.Calendric(CalendarUnit.Week))], Split: true, LatenessMs: Hour),
            "instant power, range, missing last, lateness 20m" =>
                new EnergyOptions(EnergyMethod.InstantPower, outputs, PowerRange: ValueInterval.Open(0, 2900), Missing: MissingPolicy.Last, LatenessMs: 20 * Minute),
            "average power in W, missing ignore, split, lateness 45m" =>
                new EnergyOptions(EnergyMethod.AveragePower, outputs, Split: true, PowerRange: ValueInterval.Closed(0.1, 2.8), Missing: MissingPolicy.Ignore, UnitFactor: 0.001, LatenessMs: 45 * Minute),
            "average power in W, missing ignore, lateness 45m" =>
                new EnergyOptions(EnergyMethod.AveragePower, outputs, PowerRange: ValueInterval.Closed(0.1, 2.8), Missing: MissingPolicy.Ignore, UnitFactor: 0.001, LatenessMs: 45 * Minute),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>
    /// Power samples as <see cref="StreamGenerator.PowerValue"/> writes them, and some exactly at the
    /// upper bound of the rule's <c>range</c> in the point's own unit: 2800 W for [0.1, 2.8] kW is
    /// 2.8000000000000003 kW as a binary product.
    /// </summary>
    internal static double PowerSample(Random random, long time, EnergyOptions options) =>
        options.PowerRange is { } range && random.NextDouble() < 0.05
            ? (double)((decimal)range.Upper / (decimal)options.UnitFactor)
            : StreamGenerator.PowerValue(random, time);

    /// <summary>
    /// A cumulative meter: mostly plausible increments, with flats, spikes, resets, jitter, steps at
    /// the slope's upper bound (<paramref name="boundRate"/>, else the oracle job's) and (for one asset) a wrap; a reading every 1–20 minutes, or every 10–50 seconds when dense. A register
    /// in Wh writes <paramref name="perKwh"/> = 1000 times the kWh, to the same three decimals.
    /// </summary>
    internal static List<TestRecord> MeterSeries(Random random, string asset, long from, long to, bool dense = false, double perKwh = 1, double? boundRate = null)
    {
        var result = new List<TestRecord>();
        double value = asset == "shanghai" ? EnergyOracle.Rollover - 2000 : random.Next(1000, 50000);
        long t = StreamGenerator.Quantize(from + random.NextInt64(0, 10 * Minute));
        while (t < to)
        {
            result.Add(new TestRecord(asset, OracleModel.Meter, t, Math.Round(value * perKwh, 3)));
            long step = StreamGenerator.Quantize(random.NextDouble() < 0.05 ? random.NextInt64(1, 8) * Hour
                : dense ? random.NextInt64(10_000, 50_000) : random.NextInt64(Minute, 20 * Minute));
            double roll = random.NextDouble();
            value = roll switch
            {
                < 0.2 => value,
                < 0.22 => value + random.Next(100_000, 900_000),
                < 0.23 => random.Next(0, 100),
                < 0.25 => value - 0.5,

                // At the slope's upper bound, exactly: 3600 kWh/h (1 kWh a second) over 5.5, 10.5
                // or 11 minutes is a rate that a binary division puts a little above it.
                < 0.3 => value + ((boundRate ?? OracleEnergyJob.Slope.Upper) * step / Hour),
                _ => value + (random.NextDouble() * 4000 * step / Hour),
            };
            if (value >= EnergyOracle.Rollover)
            {
                value -= EnergyOracle.Rollover;
            }

            t += random.NextDouble() < 0.03 ? 0 : step;
        }

        return result;
    }
}
