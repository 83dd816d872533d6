using System.Text.RegularExpressions;
using Dsl.Compiler.Binding;
using Dsl.Runtime.Time;

namespace Dsl.Daemon.Schedules;

/// <summary>When a scheduled offline job runs next. Times of <c>daily at</c> and <c>cron</c> are UTC.</summary>
public static class ScheduleClock
{
    /// <summary>The schedule as written in the job.</summary>
    public static string Describe(BoundSchedule schedule) => schedule.Kind switch
    {
        ScheduleKind.Once => "once",
        ScheduleKind.Every => $"every {schedule.Every}",
        ScheduleKind.Daily => $"daily at {schedule.At:HH\\:mm}",
        ScheduleKind.Cron => $"cron \"{schedule.Pattern}\"",
        _ => $"on file \"{schedule.Pattern}\"",
    };

    /// <summary>
    /// The next run of a time-based schedule after the last one (or after <paramref name="armed"/>,
    /// when the job was started, before the first); null for <c>on file</c> and for a <c>once</c> that ran.
    /// </summary>
    public static DateTimeOffset? Next(BoundSchedule schedule, DateTimeOffset armed, DateTimeOffset? lastRun)
    {
        DateTimeOffset from = lastRun ?? armed;
        switch (schedule.Kind)
        {
            case ScheduleKind.Once:
                return lastRun is null ? armed : null;
            case ScheduleKind.Every:
                TimeSpan every = schedule.Every?.ToTimeSpan() ?? TimeSpan.FromHours(1);
                return lastRun is null ? armed + every : lastRun + every;
            case ScheduleKind.Daily:
                TimeOnly at = schedule.At ?? TimeOnly.MinValue;
                DateTimeOffset today = new(from.UtcDateTime.Date + at.ToTimeSpan(), TimeSpan.Zero);
                return today > from ? today : today.AddDays(1);
            case ScheduleKind.Cron:
                // A compiled expression always comes (CronExpression refuses one that never does).
                DateTimeOffset next = CronExpression.Parse(schedule.Pattern ?? "* * * * *").Next(from);
                return next == DateTimeOffset.MaxValue ? null : next;
            default:
                return null;
        }
    }

    /// <summary>Whether a file (as <c>inbox/NAME</c>) matches an <c>on file</c> glob (<c>*</c>, <c>?</c>).</summary>
    public static bool Matches(string glob, string file)
    {
        string pattern = "^" + Regex.Escape(glob.Replace('\\', '/')).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(file, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
