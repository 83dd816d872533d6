using Dsl.Compiler.Emit;
using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>What a compiled job produced: its outputs in emission order, its counters and its error log.</summary>
internal sealed record RunResult(EmitResult Emitted, IReadOnlyList<OutputLine> Outputs, RunCounters Counters, string ErrorLog)
{
    public IEnumerable<OutputLine> Of(string pointId) => Outputs.Where(o => o.PointId == pointId);

    /// <summary>The single output of a point at a time; fails with the whole output when there is not exactly one.</summary>
    public OutputLine Single(string pointId, long time)
    {
        var matches = Outputs.Where(o => o.PointId == pointId && o.Time == time).ToArray();
        Assert.True(matches.Length == 1, $"Expected one {pointId} output at {time}, found {matches.Length}. Outputs:\n{string.Join("\n", Outputs)}");
        return matches[0];
    }

    public double Value(string pointId, long time) => Single(pointId, time).Number;

    public bool Has(string pointId, long time) => Outputs.Any(o => o.PointId == pointId && o.Time == time);

    public long this[Counter counter] => Counters[counter];
}
