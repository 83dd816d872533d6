using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Api;

/// <summary>The rpc of service <c>dsl.control.v1.Ingest</c>.</summary>
public static class IngestApi
{
    /// <summary>Streams records into a channel (operator).</summary>
    public static readonly Method<IngestRequest, IngestResponse> Ingest = ProtoMethods.Find<IngestRequest, IngestResponse>("Ingest", "Ingest");
}
