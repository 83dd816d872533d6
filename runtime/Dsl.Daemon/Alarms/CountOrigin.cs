namespace Dsl.Daemon.Alarms;

/// <summary>
/// Where the alarms of a job start counting: its run (a fresh start begins a new one) and the
/// counters its state held when this daemon first opened it in that run. A fresh start opens empty
/// state, so they are zero; a resume after a restart of the daemon opens the checkpoint's, which
/// counted events of before the restart and so of no period this daemon measures.
/// </summary>
public sealed record CountOrigin(int Run, IReadOnlyDictionary<string, long> Counts);
