namespace Dsl.Benchmarks.Rules;

/// <summary>
/// One small job per rule kind over the generated telemetry, in UTC so that the hand-written and
/// Rx references need no time-zone logic.
/// </summary>
public static class RuleJobs
{
    public const long WindowMs = 600_000;
    public const long HoldMs = 600_000;
    public const long DayMs = 86_400_000;
    public const long HourMs = 3_600_000;

    private const string Model = """
        model WindTurbine {
          ai ActivePower: double kW
          ai ReactivePower: double kvar
          pi TotalActiveEnergy: double kWh
          ai PowerAvg10m kW
          ai PowerMax10m kW
          ai PowerMin10m kW
          ai Samples10m
          ai ApparentPower kVA
          pi DailyEnergy kWh
        }
        """;

    public static string Source(RuleKind kind) => kind switch
    {
        RuleKind.Aggregate => $$"""
            job bench_aggregate
            settings { timezone "UTC" }
            {{Model}}
            aggregate WindTurbine window tumbling 10m {
              PowerAvg10m = avg(ActivePower)
              PowerMax10m = max(ActivePower)
              PowerMin10m = min(ActivePower)
              Samples10m  = count(ActivePower)
            }
            """,
        RuleKind.Merge => $$"""
            job bench_merge
            settings { timezone "UTC" }
            {{Model}}
            merge WindTurbine on ActivePower hold 10m {
              ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
            }
            """,
        RuleKind.PowerEnergy => $$"""
            job bench_power_energy
            settings { timezone "UTC" }
            {{Model}}
            energy WindTurbine from ActivePower by instant_power {
              daily DailyEnergy
            }
            """,
        _ => $$"""
            job bench_energy
            settings { timezone "UTC" }
            {{Model}}
            energy WindTurbine from TotalActiveEnergy by meter {
              daily DailyEnergy
            }
            """,
    };
}
