namespace Dsl.Releases.Locks;

/// <summary>An editing lock on a job.</summary>
/// <param name="Holder">Who took it: the token name over the daemon, the user name over a path.</param>
/// <param name="Hard">Releases that change the job are refused for anyone but the holder.</param>
public sealed record JobLock(string Job, string Holder, bool Hard, DateTimeOffset Since);
