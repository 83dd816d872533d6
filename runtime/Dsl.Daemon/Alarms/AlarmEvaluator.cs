using System.Collections.Concurrent;
using System.Globalization;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;
using Dsl.Control.V1;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// Evaluates the jobs' <c>alarm</c> rules once a second. A condition notifies when it becomes
/// true (not again while it stays true, nor after a restart of the daemon while it still holds:
/// see <see cref="AlarmStateFile"/>). Counts over <c>per D</c> are differences of the counters
/// between now and D ago, and count only what happened since this daemon began counting the job's
/// run (see <see cref="CountOrigin"/>): the counters a checkpoint restores are not events of the
/// period. A rule that asks for few records (<c>&lt;</c>, <c>&lt;=</c>, <c>==</c>) waits until D of
/// history exists. <c>lag</c> is the job's watermark lag (see <see cref="AlarmSubject.Lag"/>);
/// it holds only while the job runs and has processed a record.
/// </summary>
public sealed class AlarmEvaluator
{
    private readonly Dictionary<string, CountHistory> _history = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    // Firing when the daemon last stopped, and not measured since: see Carry.
    private readonly HashSet<string> _carried = new(StringComparer.Ordinal);

    // The file's alarms as the start found them, kept for jobs whose rules are not known: see Remembered.
    private readonly IReadOnlyList<RememberedAlarm> _loaded;

    // When each alarm not measured now entered the state it was last measured in: the one it had
    // when the daemon stopped, or before its job was paused or failed (or its lag became unknown).
    // A round that finds it so again continues that state, the same incident, from then.
    private readonly Dictionary<string, (AlarmState State, DateTimeOffset Since)> _lastMeasured = new(StringComparer.Ordinal);

    // Read by Jobs.Get while a round writes them.
    private readonly ConcurrentDictionary<string, AlarmReading> _readings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _notified = new(StringComparer.Ordinal);

    // Why the last notification of an alarm reached none or only some of its channels: without it,
    // "last notified" would read as if someone had received it.
    private readonly ConcurrentDictionary<string, UndeliveredChannels> _undelivered = new(StringComparer.Ordinal);
    private readonly AlarmNotifier _notifier;
    private readonly IReadOnlyDictionary<string, JobStatus> _statusBeforeStart;
    private readonly AlarmStateFile? _stateFile;

    // Whether the alarms changed since the file was written; at first, to drop what the jobs no longer have.
    private bool _changed = true;

    /// <summary>
    /// Notifies through <paramref name="notifier"/>. <paramref name="statusBeforeStart"/> is each
    /// job's status when the daemon last stopped: a <c>stopped</c> or <c>failed</c> condition that
    /// held then and still holds became true before this start, and is not notified again.
    /// <paramref name="stateFile"/> keeps when each alarm was last notified and whether it was
    /// firing, across restarts (in memory only when null).
    /// </summary>
    internal AlarmEvaluator(AlarmNotifier notifier, IReadOnlyDictionary<string, JobStatus>? statusBeforeStart = null, AlarmStateFile? stateFile = null)
    {
        _notifier = notifier;
        _statusBeforeStart = statusBeforeStart ?? new Dictionary<string, JobStatus>();
        _stateFile = stateFile;
        _loaded = stateFile?.Load() ?? [];
        foreach (RememberedAlarm alarm in _loaded)
        {
            string key = Key(alarm.Job, alarm.Condition, alarm.Channels);
            if (alarm.Notified is { } at)
            {
                _notified[key] = at;
            }

            if (alarm.Firing)
            {
                _carried.Add(key);
            }

            if (alarm.Since is { } since)
            {
                _lastMeasured[key] = (alarm.Firing ? AlarmState.Firing : AlarmState.Quiet, since);
            }
        }
    }

    /// <summary>The name of a metric as written in a job.</summary>
    public static string MetricName(AlarmMetric metric) => metric switch
    {
        AlarmMetric.CheckpointAge => "checkpoint_age",
        _ => metric.ToString().ToLowerInvariant(),
    };

    /// <summary>A condition as written in a job, e.g. <c>input &gt; 2 per 1m</c>.</summary>
    public static string Describe(BoundAlarmCondition condition)
    {
        if (condition.Text is { } written)
        {
            return written;
        }

        string name = MetricName(condition.Metric);
        if (condition.Comparison is not { } comparison)
        {
            return name;
        }

        string op = comparison switch
        {
            BinaryOperator.Less => "<",
            BinaryOperator.LessOrEqual => "<=",
            BinaryOperator.Greater => ">",
            BinaryOperator.GreaterOrEqual => ">=",
            BinaryOperator.Equal => "==",
            _ => "!=",
        };
        string threshold = condition.DurationThreshold?.ToString() ?? (condition.Threshold ?? 0).ToString(CultureInfo.InvariantCulture);
        return condition.Per is { } per ? $"{name} {op} {threshold} per {per}" : $"{name} {op} {threshold}";
    }

    /// <summary>One round over every job.</summary>
    public void Evaluate(IReadOnlyList<AlarmSubject> subjects, DateTimeOffset now) => Evaluate(subjects, now, statusesOnly: false);

    /// <summary>
    /// A round of the <c>failed</c> and <c>stopped</c> conditions only, once the jobs have stopped
    /// at shutdown: a status they took then (a scheduled run cut off is failed) is notified. Nothing
    /// is counted: the jobs are no longer running, so no count, lag or age would mean anything.
    /// </summary>
    public void EvaluateStatuses(IReadOnlyList<AlarmSubject> subjects, DateTimeOffset now) => Evaluate(subjects, now, statusesOnly: true);

    private void Evaluate(IReadOnlyList<AlarmSubject> subjects, DateTimeOffset now, bool statusesOnly)
    {
        Round(subjects, now, statusesOnly);
        if (_changed && _stateFile is not null)
        {
            // Until it is written: a restart would otherwise notify again what was notified.
            _changed = !_stateFile.Save(Remembered(subjects));
        }
    }

    private void Round(IReadOnlyList<AlarmSubject> subjects, DateTimeOffset now, bool statusesOnly)
    {
        foreach (AlarmSubject subject in subjects)
        {
            if (!_history.TryGetValue(subject.Job, out CountHistory? history))
            {
                history = new CountHistory();
                _history[subject.Job] = history;
            }

            if (!statusesOnly)
            {
                Record(subject, history, now);
            }

            foreach (BoundAlarmRule rule in subject.Rules)
            {
                foreach (BoundAlarmCondition condition in rule.Conditions.Where(c => !statusesOnly || c.Metric is AlarmMetric.Failed or AlarmMetric.Stopped))
                {
                    string key = Key(subject.Job, Describe(condition), rule.Channels);
                    if (Holds(condition, subject, history, now) is not (bool holds, double value, bool partial))
                    {
                        Read(key, AlarmState.Unmeasured, 0, now);
                        continue;
                    }

                    if (_seen.Add(key) && holds && condition.Metric is AlarmMetric.Stopped or AlarmMetric.Failed
                        && _statusBeforeStart.TryGetValue(subject.Job, out JobStatus before) && before == subject.Status)
                    {
                        _active.Add(key);
                    }

                    if (!Carry(key, holds, partial))
                    {
                        // Not settled yet: no reading, so Jobs.Get says "not measured yet".
                        _readings.TryRemove(key, out _);
                        continue;
                    }

                    bool notify = holds && _active.Add(key);
                    if (!holds)
                    {
                        _changed |= _active.Remove(key);
                    }
                    else if (notify)
                    {
                        _undelivered[key] = _notifier.Notify(new AlarmEvent(subject.Job, Describe(condition), value, subject.Status, now), rule.Channels);
                        _notified[key] = now;
                        _changed = true;
                    }

                    Read(key, holds ? AlarmState.Firing : AlarmState.Quiet, value, now);
                }
            }
        }
    }

    /// <summary>
    /// Settles an alarm that was firing when the daemon last stopped, on the first round that
    /// measures it: still holding, it is the same incident and stays firing without a new
    /// notification; not holding, it is quiet, and the next time it holds is notified. A measure
    /// over less than the condition is about (counts over less than their period since the
    /// start, a lag before the first record) that does not hold says neither, so the alarm stays
    /// as it was; false when so, and the round has nothing to report of it.
    /// </summary>
    private bool Carry(string key, bool holds, bool partial)
    {
        if (!_carried.Contains(key))
        {
            return true;
        }

        if (!holds && partial)
        {
            return false;
        }

        _carried.Remove(key);
        if (holds)
        {
            _active.Add(key);
        }
        else
        {
            _changed = true;
        }

        return true;
    }

    /// <summary>
    /// The alarms the file keeps: those of <paramref name="subjects"/> (an alarm of a job or a
    /// condition that is gone is dropped) that were ever notified or are firing. Those of a job
    /// whose rules are not known, but for those it has, stay as the start found them: no round
    /// judged them since.
    /// </summary>
    private IEnumerable<RememberedAlarm> Remembered(IReadOnlyList<AlarmSubject> subjects)
    {
        foreach (AlarmSubject subject in subjects)
        {
            if (!subject.RulesKnown)
            {
                var judged = subject.Rules.SelectMany(rule => rule.Conditions.Select(c => Key(subject.Job, Describe(c), rule.Channels))).ToHashSet(StringComparer.Ordinal);
                foreach (RememberedAlarm alarm in _loaded.Where(a => a.Job == subject.Job && !judged.Contains(Key(a.Job, a.Condition, a.Channels))))
                {
                    yield return alarm;
                }
            }

            foreach (BoundAlarmRule rule in subject.Rules)
            {
                foreach (BoundAlarmCondition condition in rule.Conditions)
                {
                    string described = Describe(condition);
                    string key = Key(subject.Job, described, rule.Channels);
                    bool firing = _active.Contains(key) || _carried.Contains(key);
                    DateTimeOffset? notified = _notified.TryGetValue(key, out DateTimeOffset at) ? at : null;
                    DateTimeOffset? since = _readings.TryGetValue(key, out AlarmReading? reading) && reading.State is AlarmState.Firing or AlarmState.Quiet ? reading.Since
                        : _lastMeasured.TryGetValue(key, out var remembered) ? remembered.Since : null;
                    if (firing || notified is not null)
                    {
                        yield return new RememberedAlarm(subject.Job, described, [.. rule.Channels], notified, firing, since);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Each condition of <paramref name="rules"/> (the job's online version) as the latest round
    /// found it, with its deliveries not done yet; unmeasured before a round has seen it.
    /// </summary>
    public IEnumerable<AlarmInfo> Report(string job, IReadOnlyList<BoundAlarmRule> rules)
    {
        foreach (BoundAlarmRule rule in rules)
        {
            foreach (BoundAlarmCondition condition in rule.Conditions)
            {
                string described = Describe(condition);
                var info = new AlarmInfo
                {
                    Condition = described,
                    Channels = { rule.Channels },
                    State = AlarmState.Unmeasured,
                    PendingDeliveries = (uint)_notifier.PendingDeliveries(job, described, rule.Channels),
                };
                string key = Key(job, described, rule.Channels);
                if (_readings.TryGetValue(key, out AlarmReading? reading))
                {
                    info.State = reading.State;
                    info.Since = Api.Conversions.ToProto(reading.Since);
                    info.Value = reading.Value;
                }

                info.LastNotified = _notified.TryGetValue(key, out DateTimeOffset at) ? Api.Conversions.ToProto(at) : null;
                if (_undelivered.TryGetValue(key, out UndeliveredChannels? undelivered))
                {
                    info.Undelivered.AddRange(undelivered.Snapshot());
                }

                yield return info;
            }
        }
    }

    /// <summary>Keeps what this round found of an alarm: its state's start stays while the state does.</summary>
    private void Read(string key, AlarmState state, double value, DateTimeOffset now)
    {
        AlarmReading? before = _readings.GetValueOrDefault(key);
        DateTimeOffset since = before is not null && before.State == state ? before.Since : now;
        if (state == AlarmState.Unmeasured && before is { State: AlarmState.Firing or AlarmState.Quiet })
        {
            _lastMeasured.TryAdd(key, (before.State, before.Since));
        }

        if (state != AlarmState.Unmeasured && _lastMeasured.Remove(key, out var remembered) && remembered.State == state)
        {
            since = remembered.Since;
        }

        _readings[key] = new AlarmReading(state, since, value);
    }

    /// <summary>Adds the job's counters of this round to its history; a job not counting (not running) has none.</summary>
    private static void Record(AlarmSubject subject, CountHistory history, DateTimeOffset now)
    {
        if (subject.Origin is { } origin)
        {
            history.Add(origin, now, subject.Counts, subject.CountsAtDeployment, [.. subject.Rules.SelectMany(r => r.Conditions).Where(IsCount).Select(Period).Distinct()]);
        }
        else
        {
            history.MarkCountersUnknown();
        }
    }

    /// <summary>
    /// What an alarm is, for notifying it once: the job, the condition as written and the channels
    /// (in any order), not the rule's position, so that a new version that adds, removes or
    /// reorders rules, or the channels of one, neither repeats an alarm that still holds nor takes
    /// another rule's alarm for its own.
    /// </summary>
    private static string Key(string job, string condition, IEnumerable<string> channels) =>
        $"{job}\n{condition}\n{string.Join('\n', channels.Order(StringComparer.Ordinal))}";

    /// <summary>A status condition: its value is 1 while it holds, 0 while it does not (control.proto).</summary>
    private static (bool Holds, double Value, bool Partial) StatusIs(AlarmSubject subject, JobStatus status) =>
        subject.Status == status ? (true, 1, false) : (false, 0, false);

    /// <summary>
    /// Whether the condition holds, the value notified, and whether the measure covers less than the
    /// condition is about (<c>Partial</c>: counts over less than their period, an age before its
    /// first checkpoint); null while it is not measured because the job is paused or failed, or has
    /// a lag to measure but processed no record since it started: none changes what the condition
    /// is about, and the job resumes from its checkpoint, so an alarm that held before is not
    /// notified again then.
    /// </summary>
    private static (bool Holds, double Value, bool Partial)? Holds(BoundAlarmCondition condition, AlarmSubject subject, CountHistory history, DateTimeOffset now)
    {
        if (subject.Status is JobStatus.Paused or JobStatus.Failed && condition.Metric is not (AlarmMetric.Failed or AlarmMetric.Stopped))
        {
            return null;
        }

        switch (condition.Metric)
        {
            case AlarmMetric.Failed:
                return StatusIs(subject, JobStatus.Failed);
            case AlarmMetric.Stopped:
                return StatusIs(subject, JobStatus.Stopped);
            case AlarmMetric.Lag:
                if (subject.Status != JobStatus.Running)
                {
                    return (false, 0, false);
                }

                if (subject.Lag is not { } lag)
                {
                    // No record processed since the worker started (a resume, a new version): no
                    // lag is measured, and the alarm keeps its state until one is.
                    return null;
                }

                // Compared in milliseconds, notified in seconds: the unit a person writes the threshold in.
                return (Compare(lag.TotalMilliseconds, condition.Comparison, condition.DurationThreshold?.Milliseconds ?? 0), lag.TotalSeconds, false);
            case AlarmMetric.CheckpointAge:
                if (subject.Status != JobStatus.Running || subject.CheckpointAt is not { } at)
                {
                    return (false, 0, subject.Status == JobStatus.Running);
                }

                TimeSpan age = now - at;
                return (Compare(age.TotalMilliseconds, condition.Comparison, condition.DurationThreshold?.Milliseconds ?? 0), age.TotalSeconds, false);
        }

        if (subject.Status != JobStatus.Running)
        {
            return (false, 0, false);
        }

        if (history.Over(counts => Count(counts, condition.Metric), Period(condition), now) is not { } over)
        {
            return (false, 0, true);
        }

        // Over less than the period, the period may hold more than was counted: a condition that
        // more records could make false waits for the whole period, and so does a != that holds
        // only for a count under its number (60 expected, 1 counted in the first second).
        double threshold = condition.Threshold ?? 0;
        bool needsFullWindow = condition.Comparison is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Equal
            || (condition.Comparison is BinaryOperator.NotEqual && over.Count <= threshold);
        if (!over.WholePeriod && needsFullWindow)
        {
            return (false, 0, true);
        }

        return (Compare(over.Count, condition.Comparison, threshold), over.Count, !over.WholePeriod);
    }

    /// <summary>Whether the condition counts events over a period (<c>errors &gt; 0 per 5m</c>), rather than being a status, a lag or an age.</summary>
    private static bool IsCount(BoundAlarmCondition condition) =>
        condition.Metric is not (AlarmMetric.Failed or AlarmMetric.Stopped or AlarmMetric.Lag or AlarmMetric.CheckpointAge);

    /// <summary>The period a count is over.</summary>
    private static TimeSpan Period(BoundAlarmCondition condition) => condition.Per?.ToTimeSpan() ?? TimeSpan.FromMinutes(1);

    private static long Count(IReadOnlyDictionary<string, long> counts, AlarmMetric metric)
    {
        long Get(string name) => counts.TryGetValue(name, out long value) ? value : 0;
        return metric switch
        {
            AlarmMetric.Errors => Get("errors"),
            AlarmMetric.Late => Get("late"),
            AlarmMetric.Invalid => Get("invalid") + Get("invalid_results"),
            AlarmMetric.Skipped => Get("skipped_missing") + Get("skipped_attribute"),
            AlarmMetric.Ignored => Get("ignored"),
            AlarmMetric.Input => Get("records_read"),
            _ => Get("outputs"),
        };
    }

    private static bool Compare(double value, BinaryOperator? comparison, double threshold) => comparison switch
    {
        BinaryOperator.Less => value < threshold,
        BinaryOperator.LessOrEqual => value <= threshold,
        BinaryOperator.Greater => value > threshold,
        BinaryOperator.GreaterOrEqual => value >= threshold,
        BinaryOperator.Equal => value == threshold,
        BinaryOperator.NotEqual => value != threshold,
        _ => true,
    };
}
