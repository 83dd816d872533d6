namespace Dsl.Runtime.Checkpoints;

/// <summary>A file a checkpoint depends on, by path relative to the state directory.</summary>
/// <param name="Sha256">Null for files that keep growing after the checkpoint (FASTER's log segments): only their length is checked.</param>
internal sealed record CheckpointFile(string Path, long Length, string? Sha256);
