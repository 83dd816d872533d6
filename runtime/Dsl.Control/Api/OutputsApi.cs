using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Api;

/// <summary>The rpc of service <c>dsl.control.v1.Outputs</c>.</summary>
public static class OutputsApi
{
    /// <summary>Streams output records (viewer).</summary>
    public static readonly Method<WatchOutputsRequest, OutputRecord> WatchOutputs = ProtoMethods.Find<WatchOutputsRequest, OutputRecord>("Outputs", "WatchOutputs");
}
