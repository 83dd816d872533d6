namespace Dsl.Runtime.Checkpoints;

/// <summary>The content of <c>CURRENT</c>: the checkpoint to resume from and the one before it.</summary>
internal sealed record CheckpointPointer(int Format, long Current, long? Previous);
