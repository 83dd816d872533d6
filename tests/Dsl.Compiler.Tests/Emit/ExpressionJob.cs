namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// A one-output merge job for expression tests: <c>R = EXPRESSION</c> evaluated on each record of
/// <c>A</c>, with the other points of the model set just before it (unless a test leaves them out).
/// </summary>
internal static class ExpressionJob
{
    public const string Model = "M";
    public const string Asset = "dev-1";

    /// <summary>The trigger's time: Monday 5 January 2026, 10:00 UTC.</summary>
    public const string TriggerTime = "2026-01-05T10:00:00Z";

    public static string Source(string expression, string type = "double", string trigger = "on A") => $$"""
        job expressions

        model M {
          ai A: double
          ai B: double
          di I: int
          generic L: long
          generic S: string
          generic F: bool
          attribute K: double = 2
          attribute Absent: double
          generic R: {{type}}
        }

        merge M {{trigger}} {
          R = {{expression}}
        }
        """;

    /// <summary>B = 3, I = 7, L = 5,000,000,000, S = "run", F = true one minute before; then A.</summary>
    public static List<string> Inputs(double a = 2, bool withB = true)
    {
        var lines = new List<string>
        {
            Rec.Line(Asset, Model, "I", "2026-01-05T09:59:00Z", 7),
            Rec.Line(Asset, Model, "L", "2026-01-05T09:59:00Z", 5_000_000_000L),
            Rec.Line(Asset, Model, "S", "2026-01-05T09:59:00Z", "run"),
            Rec.Line(Asset, Model, "F", "2026-01-05T09:59:00Z", true),
        };
        if (withB)
            lines.Add(Rec.Line(Asset, Model, "B", "2026-01-05T09:59:00Z", 3.0));
        lines.Add(Rec.Line(Asset, Model, "A", TriggerTime, a));
        return lines;
    }

    public static RunResult Run(string expression, string type = "double", double a = 2, bool withB = true) =>
        JobRun.Run(Source(expression, type), Inputs(a, withB));

    /// <summary>The one output R at the trigger's time.</summary>
    public static OutputLine Single(string expression, string type = "double", double a = 2, bool withB = true)
    {
        var result = Run(expression, type, a, withB);
        Assert.True(result.Outputs.Count == 1, $"`{expression}`: expected one output, got {result.Outputs.Count}: {string.Join("; ", result.Outputs)}; counters {result.Counters.Summary()}");
        var output = result.Outputs[0];
        Assert.Equal("R", output.PointId);
        Assert.Equal(Rec.Ms(TriggerTime), output.Time);
        return output;
    }

    public static double Number(string expression, string type = "double", double a = 2, bool withB = true) =>
        Single(expression, type, a, withB).Number;
}
