namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// An operator with checkpointed state outside the state store. A checkpoint is taken between
/// records, so the state written is always consistent; restore happens on a freshly constructed
/// operator of the same configuration, before any record.
/// </summary>
public interface ICheckpointedOperator
{
    void WriteState(CheckpointWriter writer);

    void ReadState(CheckpointReader reader);
}
