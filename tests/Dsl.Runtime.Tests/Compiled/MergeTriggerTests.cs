using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// An <c>on P</c> merge evaluated at a record of P reads that record's value for P, also when the
/// record arrives behind the values the block keeps (the latest of each point and the two before,
/// without lateness): the record itself is P at its time.
/// </summary>
public sealed class MergeTriggerTests
{
    private const string MergeOnly = """
        job trigger
        settings { channel offline  timezone "UTC" }
        model M {
          ai P
          ai R
          ai Sum
          ai Own
        }
        merge M on P {
          Sum = P + R
          Own = P
        }
        """;

    private const string Chained = """
        job chained
        settings { channel offline  timezone "UTC" }
        model M {
          ai P
          ai A
          ai B
        }
        aggregate M window tumbling 10m lateness 1h { A = sum(P) }
        merge M on A { B = A * 2 }
        """;

    [Fact]
    public void A_trigger_behind_the_kept_values_is_evaluated_with_its_own_value()
    {
        long t = At("2026-05-04T11:00:00Z");
        using var run = Run(MergeOnly, [("R", t, 1), ("P", t + (14 * Minute), 10), ("P", t + (15 * Minute), 20), ("P", t + (16 * Minute), 30), ("P", t + (11 * Minute), 40)]);

        // R's only value (11:00) is the latest at or before every trigger.
        Assert.Equal(
            [
                ("Sum", t + (14 * Minute), 11d), ("Own", t + (14 * Minute), 10d),
                ("Sum", t + (15 * Minute), 21d), ("Own", t + (15 * Minute), 20d),
                ("Sum", t + (16 * Minute), 31d), ("Own", t + (16 * Minute), 30d),
                ("Sum", t + (11 * Minute), 41d), ("Own", t + (11 * Minute), 40d),
            ],
            run.Outputs);
        Assert.Equal(0, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_late_update_of_a_chained_aggregate_is_merged_at_its_window()
    {
        long t = At("2026-05-04T10:00:00Z");
        using var run = Run(Chained, [("P", t + (5 * Minute), 1), ("P", t + (15 * Minute), 2), ("P", t + (25 * Minute), 3), ("P", t + (35 * Minute), 4), ("P", t + (45 * Minute), 5), ("P", t + (6 * Minute), 100)]);

        // The 10:00 window's update (1 + 100) arrives at the merge behind three later windows of A.
        Assert.Contains(("A", t, 101d), run.Outputs);
        Assert.Contains(("B", t, 202d), run.Outputs);
        Assert.Equal(0, run.Counters[Counter.SkippedMissing]);
    }

    private static ModelRun Run(string source, (string Point, long Time, double Value)[] records)
    {
        var run = new ModelRun(source);
        foreach ((string point, long time, double value) in records)
        {
            run.Add(point, time, value);
        }

        return run.Complete();
    }
}
