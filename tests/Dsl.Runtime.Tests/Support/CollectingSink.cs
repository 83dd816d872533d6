using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;

namespace Dsl.Runtime.Tests.Support;

public sealed class CollectingSink : IOutputSink
{
    public List<OutputRecord> Records { get; } = [];

    public void Write(in OutputRecord record) => Records.Add(record);

    public void Flush()
    {
    }
}
