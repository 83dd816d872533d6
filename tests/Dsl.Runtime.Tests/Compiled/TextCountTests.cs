using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary><c>count</c> takes a point of any type: it counts the records of a text point too.</summary>
public sealed class TextCountTests
{
    private const string Source = """
        job text_count
        settings { channel offline  timezone "UTC" }
        model M {
          generic Label: string
          ai Messages: long
          ai Faults: long
        }
        aggregate M window tumbling 10m {
          Messages = count(Label)
          Faults = count(Label) where Label == "fault"
        }
        """;

    [Fact]
    public void Count_of_a_text_point_counts_its_records_and_where_reads_the_text()
    {
        using var run = new ModelRun(Source);
        long t = At("2026-05-04T10:00:00Z");
        foreach ((long time, string text) in new[] { (t + Minute, "ok"), (t + (2 * Minute), "fault"), (t + (3 * Minute), "fault"), (t + (12 * Minute), "ok") })
        {
            run.Add("Label", time, 0, text);
        }

        run.Complete();

        Assert.Equal(
            [("Messages", t, 3d), ("Faults", t, 2d), ("Messages", t + (10 * Minute), 1d)],
            run.Outputs);
    }
}
