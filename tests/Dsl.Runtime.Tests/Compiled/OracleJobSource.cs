namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// The hand-written oracle jobs (HandWrittenJobs/) written in the language: the same model
/// (<c>Turbine</c> with <c>Power</c> valid in [0, 3000], <c>Rated</c> without a default, <c>Scale</c>
/// defaulting to 1, zone Europe/Berlin) and the same expressions, so the oracles apply unchanged.
/// Each job declares only the points it uses; slots differ from OracleModel's and are mapped by name.
/// </summary>
public static class OracleJobSource
{
    private const string Header = """
        job oracle

        settings {
          channel  offline
          timezone "Europe/Berlin"
          lateness {0}
        }

        """;

    private static string Settings(string lateness) => Header.Replace("{0}", lateness, StringComparison.Ordinal);

    /// <summary>OracleAggregateJob: every aggregate function, a filtered average, a filled filtered count and one over an attribute.</summary>
    public static string Aggregate(string window) => Settings("0s") + AggregateRules(window);

    /// <summary>
    /// The same job without the outputs that keep every sample (median, percentile, twa, integral),
    /// and without the filled count unless <paramref name="withFill"/>: its tumbling windows run
    /// through the operator's dense head slots.
    /// </summary>
    public static string AggregateWithHead(string window, bool withFill = false)
    {
        var leftOut = OutputsLeftOutOfHead(withFill).Select(i => $"Agg{i} ").ToList();
        return Settings("0s") + string.Join('\n', AggregateRules(window).Split('\n')
            .Where(line => !leftOut.Any(name => line.TrimStart().StartsWith(name, StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))));
    }

    /// <summary>Output indices (from Agg0) that <see cref="AggregateWithHead"/> leaves out.</summary>
    public static IReadOnlyList<int> OutputsLeftOutOfHead(bool withFill) => withFill ? [9, 10, 13, 14] : [9, 10, 13, 14, 16];

    private static string AggregateRules(string window) => $$"""
        model Turbine {
          ai Power: double kW range [0, 3000]
          attribute Rated: double kW
          ai Agg0: long
          ai Agg1
          ai Agg2
          ai Agg3
          ai Agg4
          ai Agg5
          ai Agg6
          ai Agg7
          ai Agg8
          ai Agg9
          ai Agg10
          ai Agg11
          ai Agg12
          ai Agg13
          ai Agg14
          ai Agg15
          ai Agg16: long
          ai Agg17
        }

        aggregate Turbine window {{window}} {
          Agg0  = count(Power)
          Agg1  = sum(Power)
          Agg2  = avg(Power)
          Agg3  = min(Power)
          Agg4  = max(Power)
          Agg5  = first(Power)
          Agg6  = last(Power)
          Agg7  = stddev(Power)
          Agg8  = variance(Power)
          Agg9  = median(Power)
          Agg10 = percentile(Power, 90)
          Agg11 = spread(Power)
          Agg12 = delta(Power)
          Agg13 = twa(Power)
          Agg14 = integral(Power)
          Agg15 = avg(Power) where Power >= 1000
          Agg16 = count(Power) where Power >= 2000 fill -1
          Agg17 = sum(Power / Rated)
        }
        """;

    /// <summary>OracleMergeJob; the job's lateness is how long the merge keeps values back for late triggers.</summary>
    public static string Merge(string trigger, string retention) => Settings(retention) + $$"""
        model Turbine {
          ai Power: double kW range [0, 3000]
          ai Reactive: double kvar
          attribute Rated: double kW
          ai Merge0
          ai Merge1
          ai Merge2
          ai Merge3
          ai Merge4
        }

        merge Turbine {{trigger}} {
          Merge0 = sqrt(Power ^ 2 + Reactive ^ 2)
          Merge1 = Power / Rated
          Merge2 = delta(Power)
          Merge3 = age(Reactive)
          Merge4 = coalesce(Reactive, 0) + hour()
        }
        """;

    /// <summary>OracleEnergyJob: <c>from Meter by meter</c> with slope [0, 5000], or <c>from Power</c> by a power method.</summary>
    public static string Energy(string source, string powerUnit, string clauses, string meterUnit = "kWh") => Settings("0s") + $$"""
        model Turbine {
          ai Power: double {{powerUnit}} range [0, 3000]
          pi Meter: double {{meterUnit}}
          attribute Scale: double = 1
          pi DailyEnergy kWh
          pi Energy15m kWh
        }

        energy Turbine from {{source}} {
          scale Scale
          daily DailyEnergy
          every 15m Energy15m
          {{clauses}}
        }
        """;
}
