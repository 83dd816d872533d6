using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A meter's steps as its readings write them: <c>rollover M</c> in the register's own unit, and the
/// slope bounds checked on the step's decimal value, not on the binary noise of a subtraction.
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
}
