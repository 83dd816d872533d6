namespace Dsl.Runtime.Checkpoints;

/// <summary>A committed checkpoint, as hosts report it.</summary>
/// <param name="Sequence">Number of the checkpoint in its state directory, increasing.</param>
/// <param name="Duration">Time from the start of the checkpoint to its commit.</param>
/// <param name="Bytes">Size of the files written for it.</param>
public sealed record CheckpointInfo(long Sequence, InputPosition Input, OutputPosition Output, bool Completed, TimeSpan Duration, long Bytes);
