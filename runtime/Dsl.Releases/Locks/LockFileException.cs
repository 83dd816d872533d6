namespace Dsl.Releases.Locks;

/// <summary>
/// <c>dsl-locks.json</c> does not read (a hand edit gone wrong, a truncated write by another tool):
/// no lock can be taken, released or checked until it is mended, and the message says where and why.
/// </summary>
public sealed class LockFileException(string message, Exception? inner) : Exception(message, inner);
