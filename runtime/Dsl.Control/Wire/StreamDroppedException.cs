namespace Dsl.Control.Wire;

/// <summary>
/// Thrown by a streaming handler that drops its client for falling too far behind. The stream is
/// reset with HTTP/2 <c>ENHANCE_YOUR_CALM</c> (clients report RESOURCE_EXHAUSTED) at once: a status
/// would wait in the trailers behind everything the client has not read, and a client that stopped
/// reading would never learn it was dropped. The message goes to the server's log.
/// </summary>
public sealed class StreamDroppedException(string reason) : Exception(reason);
