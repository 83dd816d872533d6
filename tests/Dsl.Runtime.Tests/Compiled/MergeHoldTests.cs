using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// <c>hold D</c> bounds how old a point's latest value may be; the history functions read the value
/// before it however old that is (docs/language.md, section 6).
/// </summary>
public sealed class MergeHoldTests
{
    private const string Source = """
        job hold
        settings { channel offline  timezone "UTC" }
        model M {
          ai A
          ai B
          ai Delta
          ai Rate
          ai Prev
        }
        merge M on A hold 5m {
          Delta = delta(B)
          Rate  = rate(B)
          Prev  = prev(B)
        }
        """;

    [Fact]
    public void The_value_before_the_latest_may_be_older_than_the_hold()
    {
        long t = At("2026-05-04T10:00:00Z");
        using var run = Run([("B", t, 10), ("B", t + Hour, 20), ("A", t + Hour + (2 * Minute), 1)]);

        Assert.Equal(
            [("Delta", t + Hour + (2 * Minute), 10d), ("Rate", t + Hour + (2 * Minute), 10d), ("Prev", t + Hour + (2 * Minute), 10d)],
            run.Outputs);
        Assert.Equal(0, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_latest_value_older_than_the_hold_makes_the_history_functions_missing()
    {
        long t = At("2026-05-04T10:00:00Z");
        using var run = Run([("B", t, 10), ("B", t + Hour, 20), ("A", t + Hour + (6 * Minute), 1)]);

        Assert.Empty(run.Outputs);
        Assert.Equal(3, run.Counters[Counter.SkippedMissing]);
    }

    private static ModelRun Run((string Point, long Time, double Value)[] records)
    {
        var run = new ModelRun(Source);
        foreach ((string point, long time, double value) in records)
        {
            run.Add(point, time, value);
        }

        return run.Complete();
    }
}
