using System.Globalization;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;
using Dsl.Control.V1;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// Evaluates the jobs' <c>alarm</c> rules once a second. A condition notifies when it becomes
/// true (not again while it stays true). Counts over <c>per D</c> are differences of the counters
/// between now and D ago; a rule that asks for few records (<c>&lt;</c>, <c>&lt;=</c>, <c>==</c>) waits
/// until D of history exists. <c>lag</c> is the job's watermark lag (see <see cref="AlarmSubject.Lag"/>);
/// it holds only while the job runs and has processed a record.
/// </summary>
public sealed class AlarmEvaluator
{
    private readonly Dictionary<string, Queue<(DateTimeOffset Time, IReadOnlyDictionary<string, long> Counts)>> _history = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly AlarmNotifier _notifier;
    private readonly IReadOnlyDictionary<string, JobStatus> _statusBeforeStart;

    /// <summary>
    /// Notifies through <paramref name="notifier"/>. <paramref name="statusBeforeStart"/> is each
    /// job's status when the daemon last stopped: a <c>stopped</c> or <c>failed</c> condition that
    /// held then and still holds became true before this start, and is not notified again.
    /// </summary>
    public AlarmEvaluator(AlarmNotifier notifier, IReadOnlyDictionary<string, JobStatus>? statusBeforeStart = null)
    {
        _notifier = notifier;
        _statusBeforeStart = statusBeforeStart ?? new Dictionary<string, JobStatus>();
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
    public void Evaluate(IReadOnlyList<AlarmSubject> subjects, DateTimeOffset now)
    {
        foreach (AlarmSubject subject in subjects)
        {
            if (!_history.TryGetValue(subject.Job, out var history))
            {
                history = new Queue<(DateTimeOffset, IReadOnlyDictionary<string, long>)>();
                _history[subject.Job] = history;
            }

            history.Enqueue((now, subject.Counts));
            TimeSpan longest = subject.Rules.SelectMany(r => r.Conditions).Select(c => c.Per?.ToTimeSpan() ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
            while (history.Count > 2 && history.ElementAt(1).Time <= now - longest)
            {
                history.Dequeue();
            }

            for (int r = 0; r < subject.Rules.Count; r++)
            {
                BoundAlarmRule rule = subject.Rules[r];
                for (int c = 0; c < rule.Conditions.Length; c++)
                {
                    BoundAlarmCondition condition = rule.Conditions[c];
                    string key = $"{subject.Job}/{r}/{c}";
                    (bool holds, double value) = Holds(condition, subject, history, now);
                    if (_seen.Add(key) && holds && condition.Metric is AlarmMetric.Stopped or AlarmMetric.Failed
                        && _statusBeforeStart.TryGetValue(subject.Job, out JobStatus before) && before == subject.Status)
                    {
                        _active.Add(key);
                    }

                    if (!holds)
                    {
                        _active.Remove(key);
                    }
                    else if (_active.Add(key))
                    {
                        _notifier.Notify(new AlarmEvent(subject.Job, Describe(condition), value, subject.Status, now), rule.Channels);
                    }
                }
            }
        }
    }

    private static (bool Holds, double Value) Holds(BoundAlarmCondition condition, AlarmSubject subject, Queue<(DateTimeOffset Time, IReadOnlyDictionary<string, long> Counts)> history, DateTimeOffset now)
    {
        switch (condition.Metric)
        {
            case AlarmMetric.Failed:
                return (subject.Status == JobStatus.Failed, 1);
            case AlarmMetric.Stopped:
                return (subject.Status == JobStatus.Stopped, 1);
            case AlarmMetric.Lag:
                if (subject.Status != JobStatus.Running || subject.Lag is not { } lag)
                {
                    return (false, 0);
                }

                // Compared in milliseconds, notified in seconds: the unit a person writes the threshold in.
                return (Compare(lag.TotalMilliseconds, condition.Comparison, condition.DurationThreshold?.Milliseconds ?? 0), lag.TotalSeconds);
            case AlarmMetric.CheckpointAge:
                if (subject.Status != JobStatus.Running || subject.CheckpointAt is not { } at)
                {
                    return (false, 0);
                }

                TimeSpan age = now - at;
                return (Compare(age.TotalMilliseconds, condition.Comparison, condition.DurationThreshold?.Milliseconds ?? 0), age.TotalSeconds);
        }

        if (subject.Status != JobStatus.Running)
        {
            return (false, 0);
        }

        TimeSpan per = condition.Per?.ToTimeSpan() ?? TimeSpan.FromMinutes(1);
        var baseline = history.Where(h => h.Time <= now - per).Select(h => ((DateTimeOffset, IReadOnlyDictionary<string, long>)?)h).LastOrDefault();
        bool needsFullWindow = condition.Comparison is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Equal;
        if (baseline is null && needsFullWindow)
        {
            return (false, 0);
        }

        IReadOnlyDictionary<string, long> before = baseline?.Item2 ?? history.Peek().Counts;
        double delta = Count(subject.Counts, condition.Metric) - Count(before, condition.Metric);
        if (baseline is null)
        {
            // Less history than the period: what the counters hold is the count so far.
            delta = Count(subject.Counts, condition.Metric);
        }

        return (Compare(delta, condition.Comparison, condition.Threshold ?? 0), delta);
    }

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
