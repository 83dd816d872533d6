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
}
