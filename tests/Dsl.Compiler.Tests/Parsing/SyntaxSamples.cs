using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>
/// Source texts for the invariant and fuzzing tests: every construct of the language
/// (inline, from the specification's examples) plus every .stream file of the examples and
/// the baselines, found at test time.
/// </summary>
internal static class SyntaxSamples
{
    public const string FullJob = """
        job turbine_kpis "Ten-minute turbine statistics, apparent power and daily energy"

        import "../models/wind.stream"        // models (and only models) from another file

        settings {
          channel  realtime        // realtime | offline            (default realtime)
          timezone "Europe/Berlin" // IANA zone for calendar windows and time functions
          lateness 5m              // default allowed lateness of windows
          idle     15m
        }

        model WindTurbine {
          ai ActivePower: double kW range [0, 3500]   // type, unit and valid range are optional
          ai ReactivePower kvar
          di Status: int
          pi EnergyMeter kWh
          attribute RatedPower: double = 3000 kW     // asset attribute with a default
          attribute MeterScale = 1

          ai ActivePowerAvg10m kW                     // outputs are points too
          ai ApparentPower kVA
          pi DailyEnergy kWh
          pi Energy15m kWh
          generic Note: string
          ai WindSpeed "m/s"
          ai `Meter.Total-kWh` kWh
        }

        aggregate WindTurbine window tumbling 10m {
          ActivePowerAvg10m = avg(ActivePower) where ActivePower in [0, 3500)
          ActivePowerMax10m = max(ActivePower)
          Samples10m        = count(ActivePower) fill 0
          P90               = percentile(ActivePower, 90)
        }

        aggregate WindTurbine window hopping 1h step 15m lateness 1d emit final { HourAvg = avg(ActivePower) }
        aggregate WindTurbine window session 30m max 8h emit early every 1m stamp end { Run = count(ActivePower) }
        aggregate Meter window tumbling 1d offset 2h { DailyPeak = max(Power) }   // local calendar day

        merge WindTurbine on ActivePower hold 10m {        // trigger: each ActivePower record
          ApparentPower = sqrt(ActivePower ^ 2 + ReactivePower ^ 2)
          LoadFactor    = ActivePower / RatedPower
          Flag          = if Status == 1 then 1 else 0
          Capped        = ActivePower > RatedPower ? RatedPower : ActivePower
          Qualified     = WindTurbine::ActivePower * -1.5e3 % 7
        }

        merge Meter every 10m {                              // trigger: a grid in event time
          Spread10m = MaxReading10Min - MinReading10Min
          Rate      = coalesce(rate(Total), 0) + hour() * !true
        }

        energy Meter from TotalEnergy by meter {            // EnOS "Sum of meter reading delta"
          slope [0, RatedPower * 1.2]    // kWh per hour; out-of-range intervals are discarded
          scale MeterScale               // multiplier (CT/PT ratio); default 1
          daily DailyEnergy              // per local calendar day
          every 15m Energy15m            // detailed output per fixed interval (optional)
          rollover 99999999              // optional: counter wraps after this value (extension)
          split
          lateness 2h
        }

        energy Inverter from Inverter::ActivePower by instant_power {  // power samples, trapezoid
          range (0, 3600)                // invalid samples handled by `missing`
          missing last                   // last | ignore   (EnOS "LastValue" / "Ignore")
          daily DailyEnergy
        }
        energy Inverter from AvgPower15m by average_power { daily DailyEnergy }  // rectangle

        alarm {
          on failed, errors > 100 per 10m notify "ops"      // channels are named in runtime config
          on lag > 5m notify "ops", "oncall"
        }
        /* a block
           comment */
        schedule daily at 02:00
        """;

    public const string ModelLibrary = """
        // A model library: no job line, only imports and models.
        import "common.stream"
        model Meter {
          pi TotalEnergy: double kWh range [0, +inf)
          ai Power kW range (-inf, 50]
          attribute MeterScale: double = 1
          pi DailyEnergy kWh
        }
        """;

    public const string Schedules = """
        job nightly "offline"
        settings { channel offline }
        schedule once
        schedule every 6h
        schedule cron "0 2 * * *"
        schedule on file "incoming/*.jsonl"
        """;

    public const string Expressions = """
        job exprs
        model M { ai A kW  ai B kW  ai C kW  ai Out kW }
        merge M on A {
          Out = a + b * c ^ d ^ e
          Out = -x ^ 2 + !flag && (y || z) == true != false
          Out = x in [0, 100) || x in (-inf, 50] && x in [0, +inf)
          Out = c ? a : b ? d : e
          Out = if c then a else if d then b else e
          Out = round(x, 2) + clamp(x, 0, 1) - abs(-3) / pow(2, 10) % 3
          Out = "text with \"escapes\" \\ \n \t \u00e9" + `odd name`
          Out = 12 + -3.5 + 1e3 + 2.5E-3 + 0.001
          Out = max(a, b) - min(a, b)
          Out = prev(A) + age(A) + delta(A) + rate(A) + hour() + minute() + weekday() + day() + month() + year()
        }
        """;

    public static IEnumerable<(string Name, string Text)> Inline()
    {
        yield return (nameof(FullJob), FullJob);
        yield return (nameof(ModelLibrary), ModelLibrary);
        yield return (nameof(Schedules), Schedules);
        yield return (nameof(Expressions), Expressions);
    }

    /// <summary>Every .stream file under examples/ and tests/Baselines/, by repository-relative path.</summary>
    public static IEnumerable<string> Files()
    {
        foreach (var folder in new[] { RepoPaths.Examples, RepoPaths.Baselines })
        {
            if (!Directory.Exists(folder))
                continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.stream", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                yield return Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
        }
    }

    public static IEnumerable<(string Name, string Text)> All() =>
        Inline().Concat(Files().Select(path => (path, File.ReadAllText(RepoPaths.Combine(path)))));
}
