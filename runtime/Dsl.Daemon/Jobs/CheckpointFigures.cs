namespace Dsl.Daemon.Jobs;

/// <summary>
/// What monitoring shows of the latest checkpoint of a job's state. Kept with the job's record
/// rather than read from its worker: a paused job has no worker, and a resumed worker has taken
/// no checkpoint yet, while the state still is the one that checkpoint committed.
/// </summary>
/// <param name="CompletedAt">When it was committed.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Bytes">The size of the files written for it.</param>
public sealed record CheckpointFigures(DateTimeOffset CompletedAt, TimeSpan Duration, long Bytes);
