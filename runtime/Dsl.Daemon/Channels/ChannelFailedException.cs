namespace Dsl.Daemon.Channels;

/// <summary>
/// A channel's log could not be written (a full or failing disk), or could not be reopened after
/// that: the records given to it since its last commit are not acknowledged.
/// </summary>
public sealed class ChannelFailedException(string message, Exception? innerException = null) : IOException(message, innerException);
