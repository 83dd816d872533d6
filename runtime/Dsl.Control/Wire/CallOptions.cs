namespace Dsl.Control.Wire;

/// <summary>Per-call settings of a client call.</summary>
/// <param name="Timeout">The deadline, sent as <c>grpc-timeout</c> and enforced locally: DEADLINE_EXCEEDED when it passes.</param>
/// <param name="CancellationToken">Cancels the call (CANCELLED); the server sees the stream reset.</param>
/// <param name="Headers">Extra request metadata (lowercase names).</param>
public readonly record struct CallOptions(
    TimeSpan? Timeout = null,
    CancellationToken CancellationToken = default,
    IReadOnlyDictionary<string, string>? Headers = null);
