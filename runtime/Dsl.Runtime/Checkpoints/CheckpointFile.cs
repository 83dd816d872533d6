namespace Dsl.Runtime.Checkpoints;

/// <summary>A file a checkpoint depends on, by path relative to the state directory.</summary>
/// <param name="Length">The file's length; for FASTER's log segments, which keep growing after the checkpoint, the part the checkpoint needs.</param>
/// <param name="Sha256">The hash of those bytes; null in log segments of checkpoints from before these were hashed (only their length is checked).</param>
internal sealed record CheckpointFile(string Path, long Length, string? Sha256);
