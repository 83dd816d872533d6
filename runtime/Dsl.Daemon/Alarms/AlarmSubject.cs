using Dsl.Compiler.Binding;
using Dsl.Control.V1;

namespace Dsl.Daemon.Alarms;

/// <summary>What the alarm evaluator sees of one job at one moment.</summary>
/// <param name="Counts">The run's counters by name (<c>records_read</c>, <c>outputs</c>, <c>errors</c>…).</param>
/// <param name="CheckpointAt">When its last checkpoint completed, if it has one.</param>
/// <param name="Lag">Its watermark lag (wall clock minus the latest event time processed), once it has processed a record.</param>
/// <param name="Origin">Where counting <paramref name="Counts"/> began; null while they are not the current run's (its state not opened yet), when count conditions do not hold.</param>
/// <param name="CountsAtDeployment">The counters when the current version was deployed, if that was in the current run: a period only its rules count over starts there.</param>
/// <param name="RulesKnown">
/// False for a job of the release whose version did not load at this start (it does not compile):
/// its <paramref name="Rules"/> are only those its status decides (see <see cref="StatusAlarms"/>),
/// so what the daemon remembers of its other alarms is kept as it is until a version of the job
/// loads, rather than dropped as a condition gone.
/// </param>
public sealed record AlarmSubject(string Job, JobStatus Status, IReadOnlyDictionary<string, long> Counts, DateTimeOffset? CheckpointAt, IReadOnlyList<BoundAlarmRule> Rules, TimeSpan? Lag = null, CountOrigin? Origin = null, bool RulesKnown = true, IReadOnlyDictionary<string, long>? CountsAtDeployment = null);
