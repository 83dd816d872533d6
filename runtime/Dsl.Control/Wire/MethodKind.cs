namespace Dsl.Control.Wire;

/// <summary>How many messages each side of a call sends.</summary>
public enum MethodKind
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>A stream each way.</summary>
    DuplexStreaming,
}
