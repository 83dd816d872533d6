using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A meter's steps as its readings write them: subtracted in the register's own unit (as is
/// <c>rollover M</c>) before the unit's conversion, and the slope bounds checked on the step's
/// decimal value, not on the binary noise of a subtraction.
/// </summary>
public sealed class MeterStepTests
{
    private static readonly long Day = At("2026-06-01T00:00:00Z");

    [Fact]
    public void Rollover_of_a_Wh_register_is_in_Wh()
    {
        using var run = new ModelRun("""
            job wh_rollover
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double Wh
              pi D: double kWh
            }
            energy M from E by meter { slope [0, 50]  rollover 99999999  daily D }
            """);
        run.Add("E", Day + (10 * Hour), 99_998_000)
            .Add("E", Day + (10 * Hour) + (15 * Minute), 99_999_000)
            .Add("E", Day + (10 * Hour) + (30 * Minute), 500)
            .Complete();

        // 1000 Wh, then the wrap: 99,999,999 − 99,999,000 + 500 = 1,499 Wh (6 kWh/h, inside the slope).
        Assert.Equal([("D", Day, 2.499)], run.Outputs);
        Assert.Equal(0, run.Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void A_Wh_register_of_15_digits_counts_each_Wh()
    {
        using var run = new ModelRun("""
            job wh_digits
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double Wh
              pi D: double kWh
              pi Q: double kWh
            }
            energy M from E by meter { daily D  every 15m Q }
            """);

        // 123,456,789,012,345 Wh is 123,456,789,012.345 kWh, where doubles are 15 µWh apart: a
        // reading converted before the subtraction makes a 1 Wh step 0.99 or 1.01 Wh.
        long start = Day + (10 * Hour);
        for (int i = 0; i <= 8; i++)
        {
            run.Add("E", start + (i * 15 * Minute), 123_456_789_012_345 + i);
        }

        run.Complete();

        Assert.Equal([("D", Day, 0.008)], run.Outputs.Where(o => o.Point == "D").ToList());
        var steps = run.Outputs.Where(o => o.Point == "Q" && o.Time > start).ToList();
        Assert.Equal(8, steps.Count);
        Assert.All(steps, o => Assert.Equal(0.001, o.Value));
    }

    /// <summary>
    /// A step whose rate is a slope bound is at the bound, whatever binary floating point makes of
    /// the division: 1.6 kWh in 20 minutes is 4.8 kWh/h (the division gives 4.800000000000001),
    /// 0.35 kWh in 7 minutes is 3 kWh/h (2.9999999999999996).
    /// </summary>
    [Theory]
    [InlineData("[0, 4.8]", 20, 1.6, 1.6)]
    [InlineData("[0, 4.8)", 20, 1.6, 0)]
    [InlineData("(4.8, 10]", 20, 1.6, 0)]
    [InlineData("[4.8, 10]", 20, 1.6, 1.6)]
    [InlineData("[3, 10]", 7, 0.35, 0.35)]
    [InlineData("(3, 10]", 7, 0.35, 0)]
    [InlineData("[0, 3]", 7, 0.35, 0.35)]
    public void A_step_at_a_slope_bound_is_judged_by_its_decimal_rate(string slope, int minutes, double step, double expected)
    {
        using var run = new ModelRun($$"""
            job slope_bound
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double kWh
              pi D: double kWh
            }
            energy M from E by meter { slope {{slope}}  daily D }
            """);
        run.Add("E", Day + (10 * Hour), 1000)
            .Add("E", Day + (10 * Hour) + (minutes * Minute), 1000 + step)
            .Complete();

        Assert.Equal([("D", Day, expected)], run.Outputs);
        Assert.Equal(expected == 0 ? 1 : 0, run.Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void A_late_reading_that_leaves_a_total_as_it_was_emitted_sends_no_update()
    {
        using var run = new ModelRun("""
            job no_change
            settings { channel offline  timezone "UTC"  lateness 30m }
            model M {
              pi E: double kWh
              pi Q: double kWh
            }
            energy M from E by meter { every 15m Q }
            """);
        long start = Day + (10 * Hour);
        run.Add("E", start, 0.1)
            .Add("E", start + (10 * Minute), 0.9)
            .Add("E", start + (20 * Minute), 5.0);

        // 0.9 − 0.1 is 0.8, but (0.2 − 0.1) + (0.9 − 0.2) is 0.7999999999999999: the same 0.8 emitted.
        run.Add("E", start + (5 * Minute), 0.2).Complete();

        Assert.Equal([("a", "Q", start, 0.8, CalMode.Ontime)], run.Records.Where(o => o.Time == start).ToList());
    }

    [Fact]
    public void A_step_exactly_at_the_slope_bound_counts()
    {
        using var run = new ModelRun("""
            job slope_bound
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double kWh
              pi D: double kWh
            }
            energy M from E by meter { slope [0, 390.3]  daily D }
            """);

        // 18,472,905.1 − 18,472,514.8 is 390.30000000074506 in binary floating point.
        run.Add("E", Day + (10 * Hour), 18_472_514.8)
            .Add("E", Day + (11 * Hour), 18_472_905.1)
            .Complete();

        Assert.Equal([("D", Day, 390.3)], run.Outputs);
        Assert.Equal(0, run.Counters[Counter.DiscardedSteps]);
    }

    [Fact]
    public void A_register_in_MWh_and_power_in_MW_give_kWh()
    {
        using var run = new ModelRun("""
            job mega
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double MWh
              ai P: double MW
              pi D: double kWh
              pi DP: double kWh
            }
            energy M from E by meter { daily D }
            energy M from P by instant_power { daily DP }
            """);
        run.Add("E", Day + (10 * Hour), 12.25)
            .Add("E", Day + (11 * Hour), 12.75)
            .Add("P", Day + (10 * Hour), 2)
            .Add("P", Day + (11 * Hour), 2)
            .Complete();

        // 0.5 MWh of register; 2 MW for an hour.
        Assert.Equal([("D", Day, 500.0), ("DP", Day, 2000.0)], run.Outputs.OrderBy(o => o.Point).ToList());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1e308")]
    public void An_asset_whose_scale_is_0_or_not_finite_is_skipped_as_one_without_the_attribute(string ratio)
    {
        // The compiler refuses such a scale written as a constant; an attribute's comes with the asset.
        using var run = new ModelRun("""
            job scale_attr
            settings { channel offline  timezone "UTC" }
            model M {
              pi E: double kWh
              pi D: double kWh
              attribute Ratio: double
            }
            energy M from E by meter { slope [0, 100]  scale Ratio * 10  daily D }
            """, $$$"""[{"assetId":"a","modelId":"M","attributes":{"Ratio":{{{ratio}}}}},{"assetId":"b","modelId":"M","attributes":{"Ratio":-0.5}}]""");
        foreach (var asset in new[] { "a", "b" })
        {
            run.Add("E", Day + (10 * Hour), 100, asset: asset)
                .Add("E", Day + (11 * Hour), 104, asset: asset);
        }

        run.Complete();

        // b's negative scale (a register whose sign is reversed) is a multiplier like any other.
        Assert.Equal([("b", "D", Day, -20.0, CalMode.Ontime)], run.Records);
        Assert.Equal(2, run.Counters[Counter.SkippedAttribute]);
    }
}
