using System.Collections.Concurrent;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Oracles;

/// <summary>The oracle's own window assignment: plain arithmetic and the oracle calendar.</summary>
public sealed record OracleWindow(string Kind, long Size, long Step, long Offset)
{
    public static OracleWindow Tumbling(long size, long offset = 0) => new("tumbling", size, size, offset);

    public static OracleWindow Hopping(long size, long step) => new("hopping", size, step, 0);

    public static OracleWindow Day { get; } = new("day", 0, 0, 0);

    public static OracleWindow Week { get; } = new("week", 0, 0, 0);

    public static OracleWindow Month { get; } = new("month", 0, 0, 0);

    /// <summary>A calendar window (<see cref="Day"/>, <see cref="Week"/> or <see cref="Month"/>) starting <paramref name="offset"/> of local time after midnight.</summary>
    public OracleWindow WithOffset(long offset) => this with { Offset = offset };

    // Calendar windows are found by searching local times, slow enough to dominate an oracle
    // that recomputes its steps often; the answers are kept (a window's bounds never change).
    private static readonly ConcurrentDictionary<(OracleWindow Window, string Zone, long Time), (long Start, long End)> CalendarWindows = new();

    /// <summary>Every window containing the time, earliest first.</summary>
    public List<(long Start, long End)> Containing(long time, TimeZoneInfo zone) =>
        Kind is "day" or "week" or "month"
            ? [CalendarWindows.GetOrAdd((this, zone.Id, time), key => key.Window.Compute(key.Time, zone)[0])]
            : Compute(time, zone);

    private List<(long Start, long End)> Compute(long time, TimeZoneInfo zone)
    {
        switch (Kind)
        {
            case "day":
                return [OracleCalendar.WithOffset(time, zone, Offset, d => d, d => d.AddDays(1))];
            case "week":
                return [OracleCalendar.WithOffset(time, zone, Offset, d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), d => d.AddDays(7))];
            case "month":
                return [OracleCalendar.WithOffset(time, zone, Offset, d => new DateOnly(d.Year, d.Month, 1), d => d.AddMonths(1))];
            default:
                var result = new List<(long, long)>();
                for (long s = ((time - Offset) / Step * Step) + Offset; s > time - Size; s -= Step)
                {
                    result.Insert(0, (s, s + Size));
                }

                return result;
        }
    }

    public (long Start, long End) Next((long Start, long End) window, TimeZoneInfo zone) =>
        Kind is "day" or "week" or "month"
            ? Containing(window.End, zone)[0]
            : (window.Start + Step, window.Start + Step + Size);
}
