namespace Dsl.Control.Wire;

/// <summary>The per-call limits a server applies, taken from <see cref="ControlServerOptions"/>.</summary>
internal sealed record CallLimits(int MaxReceiveMessageSize, int MaxSendMessageSize, int StreamBufferBytes);
