using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;

namespace Dsl.Benchmarks.Rules;

/// <summary>Counts and sums outputs, so that a benchmark measures the rules and not formatting.</summary>
public sealed class CountingSink : IOutputSink
{
    public long Count { get; private set; }

    public double Sum { get; private set; }

    public Totals Totals => new(Count, Sum);

    public void Write(in OutputRecord record)
    {
        Count++;
        Sum += record.Value;
    }

    public void Flush()
    {
    }
}
