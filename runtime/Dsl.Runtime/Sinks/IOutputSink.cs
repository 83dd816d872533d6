using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sinks;

/// <summary>Receives the job's outputs in emission order.</summary>
public interface IOutputSink
{
    void Write(in OutputRecord record);

    void Flush();
}
