using System.Globalization;
using System.Text;

namespace Dsl.Benchmarks.Editor;

/// <summary>A realistic job of about <c>lines</c> lines: turbine models, each with an aggregate, a merge and an energy rule.</summary>
public static class LargeJob
{
    private const int LinesPerModel = 31;

    public static string Generate(int lines)
    {
        var text = new StringBuilder("job large_job \"Editor benchmark\"\nsettings {\n  timezone \"Europe/Berlin\"\n  lateness 5m\n}\n");
        for (var m = 0; m < Math.Max(1, lines / LinesPerModel); m++)
        {
            var model = "Turbine" + m.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $$"""
                model {{model}} {
                  ai ActivePower: double kW range [0, 3500]
                  ai ReactivePower kvar
                  pi EnergyMeter kWh
                  attribute RatedPower: double = 3000 kW
                  ai ActivePowerAvg10m kW
                  ai ActivePowerMax10m kW
                  ai ActivePowerMin10m kW
                  ai ActivePowerStd10m kW
                  ai Samples10m: long
                  ai ApparentPower kVA
                  ai LoadFactor
                  pi DailyEnergy kWh
                  pi Energy15m kWh
                }
                aggregate {{model}} window tumbling 10m {
                  ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
                  ActivePowerMax10m = max(ActivePower)
                  ActivePowerMin10m = min(ActivePower)
                  ActivePowerStd10m = stddev(ActivePower)
                  Samples10m = count(ActivePower) fill 0
                }
                merge {{model}} on ActivePower hold 10m {
                  ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
                  LoadFactor = ActivePower / RatedPower
                }
                energy {{model}} from EnergyMeter by meter {
                  slope [0, RatedPower * 1.2]
                  daily DailyEnergy
                  every 15m Energy15m
                }

                """);
        }
        return text.ToString();
    }
}
