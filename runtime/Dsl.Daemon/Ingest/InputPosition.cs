namespace Dsl.Daemon.Ingest;

/// <summary>A place in an input at the start of a line: its byte offset, and the lines before it.</summary>
internal readonly record struct InputPosition(long Offset, ulong Lines);
