using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>
/// Reference for <see cref="OracleEnergyJob"/>: decide acceptance in arrival order (a reading is
/// late when a step it changes would touch an expired interval), then run the sequential
/// algorithm of the language spec over all accepted readings sorted by (time, arrival). An
/// interval emitted with energy that a later reading takes away is expected with 0.
/// </summary>
public static class EnergyOracle
{
    public const double Rollover = 1_000_000;

    /// <param name="slope">The rule's <c>slope</c>; <see cref="OracleEnergyJob.Slope"/> unless given.</param>
    public static Dictionary<OutputKey, double> Expected(IReadOnlyList<TestRecord> records, EnergyOptions options, ValueInterval? slope = null)
    {
        ValueInterval meterSlope = slope ?? OracleEnergyJob.Slope;
        int input = options.Method == EnergyMethod.Meter ? OracleModel.Meter : OracleModel.Power;
        var grids = options.Outputs.Select(o => (o.Point, Grid: Window(o.Grid))).ToList();
        var latest = new Dictionary<string, long>();
        var accepted = new Dictionary<string, List<(long Time, int Arrival, double Value)>>();
        var emitted = new HashSet<OutputKey>();
        for (int i = 0; i < records.Count; i++)
        {
            TestRecord r = records[i];
            if (r.Point != input)
            {
                continue;
            }

            bool seen = latest.TryGetValue(r.Asset, out long latestBefore);
            if (input != OracleModel.Power || OracleModel.PowerRange.Contains(r.Value))
            {
                if (!accepted.TryGetValue(r.Asset, out var list))
                {
                    accepted[r.Asset] = list = [];
                }

                TimeZoneInfo zone = OracleAssets.Zone(r.Asset);
                bool late = false;
                if (seen)
                {
                    var before = Run(list.Where(a => a.Time <= r.Time), options, meterSlope, r.Asset, grids, withTotals: false).State;
                    var final = Run(list, options, meterSlope, r.Asset, grids, withTotals: false).State;
                    long reference = options.Split && before.Has ? before.Time : r.Time;
                    long pending = final.Has ? final.Time : long.MaxValue;
                    foreach (var (_, grid) in grids)
                    {
                        long end = grid.Containing(reference, zone)[0].End;
                        late |= end + options.LatenessMs <= latestBefore && (!options.Split || end <= pending);
                    }
                }

                if (!late && options.Split && seen && r.Time < latestBefore)
                {
                    // Out of order, the reading may take the energy a pro-rated step spread into
                    // an interval without readings: one already emitted is updated to 0.
                    foreach (var (key, _) in Run(list, options, meterSlope, r.Asset, grids, withTotals: true).Totals)
                    {
                        var grid = grids.Single(g => g.Point == key.Point).Grid;
                        if (grid.Containing(key.Time, zone)[0].End <= latestBefore)
                        {
                            emitted.Add(key);
                        }
                    }
                }

                if (!late)
                {
                    // A meter's unit applies to its steps, power's to its samples (in decimal: 2800 W
                    // is 2.8 kW, where the binary product is 2.8000000000000003).
                    list.Add((r.Time, i, options.Method == EnergyMethod.Meter ? r.Value : (double)(DecimalOf(r.Value) * DecimalOf(options.UnitFactor))));
                }
            }

            latest[r.Asset] = seen ? Math.Max(latestBefore, r.Time) : r.Time;
        }

        var expected = new Dictionary<OutputKey, double>();
        foreach (var (asset, list) in accepted)
        {
            TimeZoneInfo zone = OracleAssets.Zone(asset);
            foreach (var reading in list)
            {
                foreach (var (point, grid) in grids)
                {
                    expected.TryAdd(new OutputKey(asset, point, grid.Containing(reading.Time, zone)[0].Start), 0);
                }
            }

            foreach (var (key, amount) in Run(list, options, meterSlope, asset, grids, withTotals: true).Totals)
            {
                expected[key] = expected.GetValueOrDefault(key) + amount;
            }
        }

        foreach (OutputKey key in emitted)
        {
            expected.TryAdd(key, 0);
        }

        return expected;
    }

    /// <summary>The oracle's own windows for an output's intervals.</summary>
    private static OracleWindow Window(GridSpec grid) => grid.Calendar switch
    {
        CalendarUnit.Day => OracleWindow.Day.WithOffset(grid.OffsetMs),
        CalendarUnit.Week => OracleWindow.Week.WithOffset(grid.OffsetMs),
        CalendarUnit.Month => OracleWindow.Month.WithOffset(grid.OffsetMs),
        _ => OracleWindow.Tumbling(grid.SizeMs, grid.OffsetMs),
    };

    /// <summary>
    /// Whether a step of <paramref name="kwh"/>, as the readings write it, over <paramref name="ms"/>
    /// has its rate in the slope: decided in decimal by cross-multiplying, so a rate that is a bound
    /// is exactly at it (no division, no binary rounding).
    /// </summary>
    private static bool SlopeContains(ValueInterval slope, decimal kwh, long ms)
    {
        decimal perHour = kwh * 3_600_000m;
        bool aboveLower = double.IsNegativeInfinity(slope.Lower)
            || (slope.LowerInclusive ? perHour >= DecimalOf(slope.Lower) * ms : perHour > DecimalOf(slope.Lower) * ms);
        bool belowUpper = double.IsPositiveInfinity(slope.Upper)
            || (slope.UpperInclusive ? perHour <= DecimalOf(slope.Upper) * ms : perHour < DecimalOf(slope.Upper) * ms);
        return aboveLower && belowUpper;
    }

    /// <summary>A reading or bound as written: the decimal of a double's 15 significant digits.</summary>
    private static decimal DecimalOf(double value) => (decimal)value;

    /// <summary>The language spec's sequential algorithm (rules 1–7, trapezoid, rectangle).</summary>
    private static ((bool Has, double Value, long Time) State, Dictionary<OutputKey, double> Totals) Run(
        IEnumerable<(long Time, int Arrival, double Value)> readings, EnergyOptions options, ValueInterval slope, string asset, List<(int Point, OracleWindow Grid)> grids, bool withTotals)
    {
        TimeZoneInfo zone = OracleAssets.Zone(asset);
        double scale = OracleAssets.Scale(asset);
        var totals = new Dictionary<OutputKey, double>();
        bool has = false;
        double v0 = 0;
        long t0 = 0;
        foreach (var (t, _, value) in readings.OrderBy(x => x.Time).ThenBy(x => x.Arrival))
        {
            double v = value;
            double? amount = null;
            if (options.Method == EnergyMethod.Meter)
            {
                if (!has)
                {
                    (has, v0, t0) = (true, v, t);
                    continue;
                }

                if (t <= t0 || v == v0)
                {
                    continue;
                }

                double delta = (v - v0) * options.UnitFactor;
                if (SlopeContains(slope, (DecimalOf(v) - DecimalOf(v0)) * DecimalOf(options.UnitFactor), t - t0))
                {
                    amount = delta;
                }
                else if (options.Rollover is double m && v < v0 && SlopeContains(slope, (DecimalOf(m) - DecimalOf(v0) + DecimalOf(v)) * DecimalOf(options.UnitFactor), t - t0))
                {
                    amount = (m - v0 + v) * options.UnitFactor;
                }
            }
            else
            {
                if (options.PowerRange is { } range && !range.Contains(v))
                {
                    if (options.Missing == MissingPolicy.Ignore || !has)
                    {
                        continue;
                    }

                    v = v0;
                }

                if (!has)
                {
                    (has, v0, t0) = (true, v, t);
                    continue;
                }

                if (t <= t0)
                {
                    continue;
                }

                double hours = (t - t0) / 3_600_000.0;
                amount = options.Method == EnergyMethod.InstantPower ? (v0 + v) / 2 * hours : v * hours;
            }

            if (amount is double a && withTotals)
            {
                foreach (var (point, grid) in grids)
                {
                    if (!options.Split)
                    {
                        var key = new OutputKey(asset, point, grid.Containing(t, zone)[0].Start);
                        totals[key] = totals.GetValueOrDefault(key) + (a * scale);
                        continue;
                    }

                    for (var w = grid.Containing(t0, zone)[0]; w.Start < t; w = grid.Next(w, zone))
                    {
                        long overlap = Math.Min(w.End, t) - Math.Max(w.Start, t0);
                        if (overlap > 0)
                        {
                            var key = new OutputKey(asset, point, w.Start);
                            totals[key] = totals.GetValueOrDefault(key) + (a * scale * overlap / (t - t0));
                        }
                    }
                }
            }

            (v0, t0) = (v, t);
        }

        return ((has, v0, t0), totals);
    }
}
