using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Sinks;

/// <summary>
/// A sink a checkpoint can commit: it makes what it has written durable and says how far that
/// goes, and on restore it drops what was written after the committed position (outputs of work
/// the checkpoint does not cover, which the resumed run produces again).
/// </summary>
public interface ICommittableSink : IOutputSink
{
    /// <summary>Flushes and syncs everything written so far; returns its position.</summary>
    OutputPosition Commit();

    /// <summary>Drops everything after the position; throws <see cref="Hosting.StateException"/> when the sink no longer holds it.</summary>
    void Rewind(OutputPosition position);
}
