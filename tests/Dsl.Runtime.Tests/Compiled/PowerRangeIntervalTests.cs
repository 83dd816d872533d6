using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A power sample outside the rule's <c>range</c> is still a reading of its interval: with
/// <c>missing ignore</c>, an interval whose samples all lie outside the range is written as 0,
/// and the step over it goes whole to the interval of the next valid sample (docs/runtime.md, section 6).
/// </summary>
public sealed class PowerRangeIntervalTests
{
    private const string Source = """
        job night
        settings { channel offline  timezone "UTC" }
        model M {
          ai Power: double kW
          pi Energy1h kWh
        }
        energy M from Power by instant_power {
          range [0, 110]
          missing ignore
          every 1h Energy1h
        }
        """;

    [Fact]
    public void An_hour_of_samples_outside_the_range_is_written_as_zero()
    {
        long t = At("2026-06-01T20:00:00Z");
        using var run = new ModelRun(Source)
            .Add("Power", t, 10)
            .Add("Power", t + (30 * Minute), 10)
            .Add("Power", t + (90 * Minute), -0.5)
            .Add("Power", t + (150 * Minute), 20)
            .Complete();

        // 20:00–20:30 gives 5 kWh; the step 20:30–22:30 skips the -0.5 sample and gives (10 + 20) / 2 · 2 h.
        Assert.Equal(
            [("Energy1h", t, 5d), ("Energy1h", t + Hour, 0d), ("Energy1h", t + (2 * Hour), 30d)],
            run.Outputs);
    }

    /// <summary>
    /// A sample in W or MW at a bound of the range, which is in kW, is inside it: 3300 W is 3.3 kW
    /// (the product by 0.001 is 3.3000000000000003), 16.1 MW is 16100 kW (16100.000000000002).
    /// </summary>
    [Theory]
    [InlineData("W", "[0, 3.3]", 3300, 3.3)]
    [InlineData("W", "[3.3, 10]", 3300, 3.3)]
    [InlineData("W", "[0, 3.3)", 3300, 0)]
    [InlineData("MW", "[0, 16100]", 16.1, 16100)]
    [InlineData("MW", "(16100, 20000]", 16.1, 0)]
    public void A_sample_in_another_unit_at_a_bound_of_the_range_is_judged_at_the_bound(string unit, string range, double sample, double expected)
    {
        long t = At("2026-06-01T10:00:00Z");
        using var run = new ModelRun($$"""
            job units
            settings { channel offline  timezone "UTC" }
            model M {
              ai Power: double {{unit}}
              pi Energy1h kWh
            }
            energy M from Power by average_power {
              range {{range}}
              missing ignore
              every 1h Energy1h
            }
            """)
            .Add("Power", t, sample)
            .Add("Power", t + Hour, sample)
            .Complete();

        // The first sample starts the series; the second closes the hour 10:00–11:00 (a rectangle).
        Assert.Equal([("Energy1h", t, 0d), ("Energy1h", t + Hour, expected)], run.Outputs);
    }
}
