namespace Dsl.Control.Wire;

/// <summary>HTTP/2 RST_STREAM codes (RFC 9113 §7) that gRPC clients map to statuses.</summary>
internal static class Http2ErrorCodes
{
    /// <summary>Maps to UNAVAILABLE.</summary>
    public const int RefusedStream = 0x7;

    /// <summary>Maps to CANCELLED.</summary>
    public const int Cancel = 0x8;

    /// <summary>Maps to RESOURCE_EXHAUSTED: used when a streaming client falls too far behind.</summary>
    public const int EnhanceYourCalm = 0xb;

    /// <summary>Maps to INTERNAL: the endpoint speaks only HTTP/1.1 (the daemon's HTTP port, say).</summary>
    public const int Http11Required = 0xd;
}
