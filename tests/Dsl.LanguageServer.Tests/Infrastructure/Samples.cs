namespace Dsl.LanguageServer.Tests.Infrastructure;

/// <summary>Sources shared by the handler tests.</summary>
public static class Samples
{
    public const string Job = """
        job turbine_kpis "Ten-minute turbine statistics"

        settings {
          timezone "Europe/Berlin"
          lateness 5m
        }

        model WindTurbine {
          ai ActivePower: double kW range [0, 3500]
          ai ReactivePower kvar
          pi TotalEnergy kWh
          attribute RatedPower: double = 3000 kW
          ai ActivePowerAvg10m kW
          ai ApparentPower kVA
          pi DailyEnergy kWh
        }

        aggregate WindTurbine window tumbling 10m {
          ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
        }

        merge WindTurbine on ActivePower hold 10m {
          ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
        }

        energy WindTurbine from TotalEnergy by meter {
          slope [0, RatedPower * 1.2]
          daily DailyEnergy
        }

        """;

    public const string Library = """
        // Models shared by the jobs.
        model Meter {
          pi Reading kWh
          ai Power kW
          pi DailyEnergy kWh
        }

        """;

    public const string JobUsingLibrary = """
        job meters "Daily energy of the meters"

        import "models/meters.stream"

        settings {
          timezone "UTC"
        }

        energy Meter from Reading by meter {
          slope [0, 1000]
          daily DailyEnergy
        }

        """;

    /// <summary>Inserts a cursor marker where <paramref name="anchor"/> occurs (at its start, or after it with <paramref name="after"/>).</summary>
    public static string WithCursor(string text, string anchor, bool after = false, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(anchor, index + 1, StringComparison.Ordinal);
            if (index < 0)
                throw new ArgumentException($"'{anchor}' not found", nameof(anchor));
        }
        var at = after ? index + anchor.Length : index;
        return text.Insert(at, "|");
    }
}
