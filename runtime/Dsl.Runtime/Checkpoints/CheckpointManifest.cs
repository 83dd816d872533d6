using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// What one checkpoint commits, as <c>checkpoint.json</c> in its folder (sealed with a checksum):
/// the job it belongs to, the FASTER checkpoint and the files that make it up with their hashes,
/// the input and output positions and the run's counters. Everything a resumed run needs besides
/// the files it names.
/// </summary>
internal sealed record CheckpointManifest(
    int Format,
    long Sequence,
    DateTimeOffset Created,
    string JobName,
    string JobVersion,
    IReadOnlyList<OperatorManifest> Operators,
    Guid StoreToken,
    IReadOnlyList<CheckpointFile> StoreFiles,
    IReadOnlyList<CheckpointFile> LogFiles,
    CheckpointFile Runtime,
    InputPosition Input,
    OutputPosition Output,
    IReadOnlyDictionary<string, long> Counters,
    bool Completed)
{
    public const int CurrentFormat = 1;
}
