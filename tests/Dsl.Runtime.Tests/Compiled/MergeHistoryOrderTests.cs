using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// A trigger that arrives out of order but not older than the values kept reads the value before
/// it (docs/runtime.md, Merge: "exact for every T within that span"): inserting it must not prune
/// that value before its own evaluation.
/// </summary>
public sealed class MergeHistoryOrderTests
{
    private static readonly long T = At("2026-05-04T10:00:00Z");

    private const string Source = """
        job history_order
        settings { channel offline  timezone "UTC" }
        model M {
          ai A
          ai D
          ai P
        }
        merge M on A {
          D = delta(A)
          P = prev(A)
        }
        """;

    [Theory]
    // 10:05, 10:20, 10:25, then 10:17: the value before 10:17 is 10:05's, kept with the two before 10:25.
    [InlineData(new[] { 5, 20, 25, 17 }, 17, 5d)]
    // 10:20, 10:25, 10:30, then 10:22: the value before it is 10:20's.
    [InlineData(new[] { 20, 25, 30, 22 }, 22, 20d)]
    public void An_out_of_order_trigger_reads_the_value_before_it(int[] minutes, int late, double before)
    {
        using var run = new ModelRun(Source);
        foreach (int minute in minutes)
        {
            // The value is the minute, so a delta is the difference of two minutes.
            run.Add("A", T + (minute * Minute), minute);
        }

        run.Complete();

        long at = T + (late * Minute);
        Assert.Contains(("P", at, before), run.Outputs);
        Assert.Contains(("D", at, late - before), run.Outputs);
        // Only the first trigger has no value before it (prev and delta: two skipped evaluations).
        Assert.Equal(2, run.Counters[Counter.SkippedMissing]);
    }

    [Fact]
    public void A_trigger_older_than_every_value_kept_has_no_value_before_it()
    {
        using var run = new ModelRun(Source);
        foreach (int minute in new[] { 5, 20, 25, 30, 1 })
        {
            run.Add("A", T + (minute * Minute), minute);
        }

        run.Complete();

        Assert.DoesNotContain(run.Outputs, o => o.Time == T + Minute);
        Assert.Equal(4, run.Counters[Counter.SkippedMissing]);
    }
}
