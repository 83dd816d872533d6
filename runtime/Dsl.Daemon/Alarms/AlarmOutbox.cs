using System.Text.Json;
using Dsl.Daemon.Jobs;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// The deliveries not yet done, one per (alarm, channel), in <c>DATA/alarms-pending.json</c>:
/// written before the first attempt and rewritten when a delivery ends (sent, or failed for good),
/// so that those a stop or a crash interrupts are sent when the daemon starts again. Alarms are
/// rare, so the file is small and rewriting it whole on each change costs nothing that matters.
/// A file that cannot be written (a full or read-only disk) costs that durability, not the alarm:
/// the outbox goes on in memory and says so in the log.
/// </summary>
internal sealed class AlarmOutbox
{
    private readonly string? _path;
    private readonly ILogger _log;
    private readonly List<PendingAlarm> _pending;
    private readonly Lock _lock = new();

    /// <summary>An outbox kept in <paramref name="path"/>, holding what a previous run left; in memory only when null.</summary>
    public AlarmOutbox(string? path, ILogger log)
    {
        _path = path;
        _log = log;
        _pending = path is null ? [] : Read(path, log);
    }

    /// <summary>Every delivery not yet done: at start, what a previous run left (each stays pending until it ends).</summary>
    public IReadOnlyList<PendingAlarm> Pending()
    {
        lock (_lock)
        {
            return [.. _pending];
        }
    }

    /// <summary>Keeps the delivery to <paramref name="channel"/> of the alarm whose rule names <paramref name="alarmChannels"/>.</summary>
    public PendingAlarm Add(AlarmEvent alarm, string channel, IReadOnlyList<string> alarmChannels)
    {
        var pending = new PendingAlarm(Guid.NewGuid(), alarm, channel, alarmChannels);
        lock (_lock)
        {
            _pending.Add(pending);
            if (Save() is { } error)
            {
                _log.LogWarning("alarm of job {Job} ({Condition}) for '{Channel}' is sent but not kept in {Path} for a restart: {Error}", alarm.Job, alarm.Condition, channel, _path, error);
            }
        }

        return pending;
    }

    public void Remove(PendingAlarm pending)
    {
        lock (_lock)
        {
            if (_pending.Remove(pending) && Save() is { } error)
            {
                _log.LogWarning("alarm of job {Job} ({Condition}) for '{Channel}' is done but still in {Path}, which cannot be written: a restart sends it again: {Error}", pending.Alarm.Job, pending.Alarm.Condition, pending.Channel, _path, error);
            }
        }
    }

    private static List<PendingAlarm> Read(string path, ILogger log)
    {
        try
        {
            List<PendingAlarm> pending = DurableJsonFile.Load<List<PendingAlarm>>(path) ?? [];

            // JSON holds what the types do not: null entries, entries without an alarm or a channel.
            int broken = pending.FindIndex(p => p is null || p.Alarm?.Job is null || p.Channel is null);
            return broken < 0 ? pending : throw new JsonException($"its entry {broken + 1} is no pending alarm");
        }
        catch (JsonException e)
        {
            // A file cut short by a crash mid-write cannot be: it is replaced by a rename. One edited by
            // hand into nonsense holds nothing to send, but the alarms it held are lost: say so.
            log.LogWarning("{Path} does not hold pending alarms ({Error}): the alarms it held are not sent, and it is rewritten with the next alarm", path, e.Message);
            return [];
        }
    }

    /// <summary>Writes the file; why it could not, or null.</summary>
    private string? Save()
    {
        if (_path is null)
        {
            return null;
        }

        try
        {
            DurableJsonFile.Save(_path, _pending);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}

/// <summary>One alarm for one channel, not yet delivered.</summary>
/// <param name="Id">Tells apart two deliveries otherwise alike.</param>
/// <param name="Alarm">What is sent.</param>
/// <param name="Channel">Where it goes.</param>
/// <param name="AlarmChannels">
/// Every channel the alarm's rule names: with the job and the condition, which alarm the delivery
/// is of, as two rules on one condition are two alarms. Null in a file of a daemon that
/// did not keep it.
/// </param>
internal sealed record PendingAlarm(Guid Id, AlarmEvent Alarm, string Channel, IReadOnlyList<string>? AlarmChannels = null)
{
    /// <summary>Whether this is a delivery of the job's alarm <paramref name="condition"/> whose rule names <paramref name="channels"/>.</summary>
    public bool IsOf(string job, string condition, IReadOnlyCollection<string> channels) =>
        Alarm.Job == job && Alarm.Condition == condition
            && (AlarmChannels is null
                ? channels.Contains(Channel, StringComparer.Ordinal)
                : AlarmChannels.Order(StringComparer.Ordinal).SequenceEqual(channels.Order(StringComparer.Ordinal), StringComparer.Ordinal));
}
