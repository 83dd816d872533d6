namespace Dsl.Daemon.Jobs;

/// <summary>
/// What monitoring shows of the latest checkpoint of a job's state. Kept with the job's record
/// rather than read from its worker: a paused job has no worker, and a resumed worker has taken
/// no checkpoint yet, while the state still is the one that checkpoint committed.
/// </summary>
/// <param name="CompletedAt">When it was committed.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Bytes">The size of the files written for it.</param>
/// <param name="CurrentAt">
/// When the job's state was last found unchanged since this checkpoint (an idle job's is not
/// written again); its age counts from then, as nothing newer would be lost.
/// </param>
public sealed record CheckpointFigures(DateTimeOffset CompletedAt, TimeSpan Duration, long Bytes, DateTimeOffset? CurrentAt = null)
{
    /// <summary>How long the job's state has had changes no checkpoint holds.</summary>
    public TimeSpan AgeAt(DateTimeOffset now) => now - (CurrentAt ?? CompletedAt);
}
