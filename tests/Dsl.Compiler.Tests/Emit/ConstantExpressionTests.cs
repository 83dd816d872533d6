using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Constants written as expressions (functions, conditionals, comparisons) where the language
/// requires a constant: the job runs with their values, as if the number itself were written.
/// </summary>
public sealed class ConstantExpressionTests
{
    private const string Source = """
        job constants

        model M {
          ai P: double range [0, abs(-10)]
          ai Q: double range (-inf, if 1 > 0 then round(2.4) else 99]
          ai Scaled
          ai Gated
          ai Samples: long
          ai Median
          attribute Gain = max(1, sqrt(9))
          attribute Enabled: bool = !(2 in [0, 1])
        }

        merge M on P {
          Scaled = P * Gain
          Gated  = if Enabled then P else -1
        }

        aggregate M window tumbling 1h {
          Samples = count(Q) fill abs(-7)
          Median  = percentile(Q, clamp(80, 0, 50))
        }
        """;

    [Fact]
    public void Constants_computed_with_functions_and_conditionals_take_their_values()
    {
        var run = JobRun.Run(Source,
        [
            Rec.Line("a", "M", "P", "2026-01-05T10:00:00Z", 4.0),
            Rec.Line("a", "M", "P", "2026-01-05T10:01:00Z", 11.0),
            Rec.Line("a", "M", "Q", "2026-01-05T10:00:00Z", 1.0),
            Rec.Line("a", "M", "Q", "2026-01-05T10:30:00Z", 2.0),
            Rec.Line("a", "M", "Q", "2026-01-05T10:40:00Z", 3.0),
            Rec.Line("a", "M", "Q", "2026-01-05T12:10:00Z", 1.0),
        ]);

        // P = 11 lies outside [0, 10] and Q = 3 outside (-inf, 2]: both invalid, in no rule.
        Assert.Equal(2, run.Counters[Counter.Invalid]);
        Assert.Equal([12.0], run.Outputs.Where(o => o.PointId == "Scaled").Select(o => o.Number));
        Assert.Equal([4.0], run.Outputs.Where(o => o.PointId == "Gated").Select(o => o.Number));
        // The empty hour 11:00 is filled with 7; the median of {1, 2} is 1.5.
        Assert.Equal([2.0, 7.0, 1.0], run.Outputs.Where(o => o.PointId == "Samples").Select(o => o.Number));
        Assert.Equal(1.5, run.Outputs.First(o => o.PointId == "Median").Number);
    }
}
