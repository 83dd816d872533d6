using System.Text.Json;
using Dsl.Daemon.Jobs;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// What the alarms were when they last changed, in <c>DATA/alarms-state.json</c>: when each was last
/// notified and whether it was firing, so that a restart neither forgets the one nor notifies the
/// other again. Rewritten whole (a temporary file renamed over it) when an alarm is notified or stops
/// holding, which is rare. The file only saves a repeated or a forgotten notification, so none of
/// its problems stops the daemon: one that does not read starts the alarms with nothing
/// remembered, one that cannot be written leaves them remembered in memory, and the log says so.
/// </summary>
internal sealed class AlarmStateFile(string path, ILogger log)
{
    /// <summary>The alarms as the file has them; none without a file, or with one that does not read.</summary>
    public IReadOnlyList<RememberedAlarm> Load()
    {
        try
        {
            List<RememberedAlarm> alarms = DurableJsonFile.Load<List<RememberedAlarm>>(path) ?? [];

            // JSON holds what the types do not: null entries, entries without a job, condition or channels.
            int broken = alarms.FindIndex(a => a?.Job is null || a.Condition is null || a.Channels is null || a.Channels.Any(c => c is null));
            return broken < 0 ? alarms : throw new JsonException($"its entry {broken + 1} is no alarm");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            log.LogWarning("{Path} does not hold the alarms' states ({Error}): the alarms start with no last notification, a count, lag or checkpoint_age alarm that still holds is notified again, and the file is rewritten by the first round", path, e.Message);
            return [];
        }
    }

    // Whether the last write failed: its warning is logged once, not at every retry.
    private bool _failing;

    /// <summary>Writes the alarms; false when the file cannot be written (a full disk, say), so that the caller tries again.</summary>
    public bool Save(IEnumerable<RememberedAlarm> alarms)
    {
        try
        {
            DurableJsonFile.Save(path, alarms.ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                log.LogWarning("the alarms' states cannot be written to {Path}, so a restart would not know them; retrying every second: {Error}", path, e.Message);
            }

            _failing = true;
            return false;
        }

        if (_failing)
        {
            log.LogInformation("the alarms' states are written to {Path} again", path);
            _failing = false;
        }

        return true;
    }
}

/// <summary>One alarm as <see cref="AlarmStateFile"/> keeps it.</summary>
/// <param name="Job">The job.</param>
/// <param name="Condition">The condition as written.</param>
/// <param name="Channels">The channels its rule names.</param>
/// <param name="Notified">When it was last notified, if ever.</param>
/// <param name="Firing">Whether it held (and was notified) at the time.</param>
/// <param name="Since">When it began to fire, or to be quiet, as it was; absent from files written before it was kept.</param>
internal sealed record RememberedAlarm(string Job, string Condition, IReadOnlyList<string> Channels, DateTimeOffset? Notified, bool Firing, DateTimeOffset? Since = null);
