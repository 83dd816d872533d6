using System.Globalization;
using System.Text;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>Job sources and inputs the tests use.</summary>
internal static class TestJobs
{
    /// <summary>A realtime job that emits one output per input record (no windows, so no end-of-input flush).</summary>
    public static string Doubler(string name = "doubler", string channel = "realtime") => $$"""
        job {{name}} "doubles power"

        settings {
          channel {{channel}}
        }

        model Meter {
          ai Power: double kW
          ai Double kW
        }

        merge Meter on Power {
          Double = Power * 2
        }
        """;

    /// <summary>A job chained on <see cref="Doubler"/>'s outputs: twice its Double.</summary>
    public static string Quad() => """
        job quad "doubles the doubled power"

        model Meter {
          ai Double kW
          ai Quad kW
        }

        merge Meter on Double {
          Quad = Double * 2
        }
        """;

    /// <summary>One Power record.</summary>
    public static string Line(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"assetId\":\"m{i % 1000}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{1_700_000_000_000L + i},\"value\":{i % 997}.5}}\n");

    /// <summary>
    /// Power records <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) whose
    /// value is a string: ingest takes them, the job rejects them (<c>wrong_value_type</c>).
    /// </summary>
    public static string BadLines(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(i => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"assetId\":\"m{i}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{1_700_000_000_000L + i},\"value\":\"high\"}}\n")));

    /// <summary>Records <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) as NDJSON.</summary>
    public static string Lines(int from, int to)
    {
        var text = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            text.Append(Line(i));
        }

        return text.ToString();
    }
}
