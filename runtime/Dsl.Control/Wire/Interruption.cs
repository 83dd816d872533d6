namespace Dsl.Control.Wire;

/// <summary>Why a call ended before its handler finished.</summary>
internal enum Interruption
{
    /// <summary>The <c>grpc-timeout</c> elapsed.</summary>
    DeadlineExceeded,

    /// <summary>The client reset the stream or the connection closed.</summary>
    ClientGone,

    /// <summary>A streaming client fell behind by more than the per-call buffer.</summary>
    Overflow,

    /// <summary>The server is stopping; clients should reconnect later.</summary>
    ServerStopping,

    /// <summary>The call's token was revoked, or its role lowered below the rpc's, while it ran.</summary>
    Revoked,
}
