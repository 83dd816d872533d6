using Dsl.Runtime.State;

namespace Dsl.Runtime.Hosting;

/// <summary>Options of <c>dsl run --state</c>.</summary>
/// <param name="CheckpointInterval">Processing time between checkpoints; 10 s when null. Zero checkpoints only at the end.</param>
/// <param name="CheckpointEveryLines">When above zero, also a checkpoint after every this many input lines (deterministic cut points for tests).</param>
/// <param name="Progress">Told how far the input has been read as the run goes, when given.</param>
public sealed record DurableRunOptions(
    string InputPath,
    string OutputPath,
    string StateDirectory,
    TimeSpan? CheckpointInterval = null,
    JobSessionOptions? Session = null,
    StateStoreOptions? Store = null,
    long CheckpointEveryLines = 0,
    InputProgress? Progress = null)
{
    public static TimeSpan DefaultCheckpointInterval { get; } = TimeSpan.FromSeconds(10);
}
