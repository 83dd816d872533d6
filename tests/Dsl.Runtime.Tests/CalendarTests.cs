using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.Support;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

public sealed class CalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void The_Berlin_spring_DST_day_is_23_hours_from_local_midnight_to_local_midnight()
    {
        TimeWindow day = ZonedCalendar.Containing(At("2026-03-29T12:00:00Z"), CalendarUnit.Day, Berlin);

        Assert.Equal(At("2026-03-28T23:00:00Z"), day.Start);
        Assert.Equal(At("2026-03-29T22:00:00Z"), day.End);
        Assert.Equal(23 * Hour, day.End - day.Start);
    }

    [Fact]
    public void The_Berlin_autumn_DST_day_is_25_hours()
    {
        TimeWindow day = ZonedCalendar.Containing(At("2026-10-25T01:30:00Z"), CalendarUnit.Day, Berlin);

        Assert.Equal(At("2026-10-24T22:00:00Z"), day.Start);
        Assert.Equal(At("2026-10-25T23:00:00Z"), day.End);
    }

    [Fact]
    public void An_instant_just_before_local_midnight_belongs_to_the_previous_local_day()
    {
        TimeWindow day = ZonedCalendar.Containing(At("2026-03-28T22:59:59.999Z"), CalendarUnit.Day, Berlin);

        Assert.Equal(At("2026-03-27T23:00:00Z"), day.Start);
        Assert.Equal(At("2026-03-28T23:00:00Z"), day.End);
    }

    [Fact]
    public void Weeks_start_on_Monday_in_the_zone()
    {
        // Sunday 2026-03-29 in Berlin: the week began Monday 2026-03-23 (CET) and ends Monday 2026-03-30 (CEST).
        TimeWindow week = ZonedCalendar.Containing(At("2026-03-29T20:00:00Z"), CalendarUnit.Week, Berlin);

        Assert.Equal(At("2026-03-22T23:00:00Z"), week.Start);
        Assert.Equal(At("2026-03-29T22:00:00Z"), week.End);
    }

    [Fact]
    public void Months_start_on_the_first_in_the_zone()
    {
        TimeWindow month = ZonedCalendar.Containing(At("2026-03-01T03:00:00Z"), CalendarUnit.Month, NewYork);

        Assert.Equal(At("2026-02-01T05:00:00Z"), month.Start);
        Assert.Equal(At("2026-03-01T05:00:00Z"), month.End);
    }

    /// <summary>
    /// Offset changes that days and units are easily got wrong around: days .NET reads wrongly
    /// from local time (dotnet/runtime#96269): Samoa's skipped 30 December 2011, Adak's DST starts
    /// of the 1970s, Rarotonga's half-hour change of 1978; Goose Bay's fall-backs at 00:01
    /// (midnight twice, and the repeated hour in the next day); changes at midnight (Santiago,
    /// Havana) and an ordinary one (Berlin).
    /// </summary>
    private static readonly (TimeZoneInfo Zone, DateOnly Date)[] OddDays =
    [
        (TimeZoneInfo.FindSystemTimeZoneById("Pacific/Apia"), new DateOnly(2011, 12, 29)),
        (TimeZoneInfo.FindSystemTimeZoneById("America/Adak"), new DateOnly(1970, 4, 26)),
        (TimeZoneInfo.FindSystemTimeZoneById("Pacific/Rarotonga"), new DateOnly(1978, 11, 12)),
        (TimeZoneInfo.FindSystemTimeZoneById("America/Goose_Bay"), new DateOnly(1987, 10, 25)),
        (TimeZoneInfo.FindSystemTimeZoneById("America/Goose_Bay"), new DateOnly(2010, 11, 7)),
        (TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), new DateOnly(2026, 9, 6)),
        (TimeZoneInfo.FindSystemTimeZoneById("America/Havana"), new DateOnly(2025, 11, 2)),
        (Berlin, new DateOnly(2026, 10, 25)),
    ];

    /// <summary>
    /// Days around changes of a zone's offset from 1970 to 2037, in every zone this machine knows: a
    /// seeded sample of a few hundred, and the <see cref="OddDays"/>. The
    /// day, and the day starting at 02:30, start where the oracle's calendar, which only converts
    /// UTC to local time, says.
    /// </summary>
    [Fact]
    public void Days_start_where_converting_from_UTC_says_around_offset_changes_in_every_zone()
    {
        var cases = new List<(TimeZoneInfo Zone, DateOnly Date)>(OddDays);
        var changes = new List<(TimeZoneInfo Zone, DateOnly Date)>();
        foreach (TimeZoneInfo zone in TimeZoneInfo.GetSystemTimeZones())
        {
            TimeSpan before = zone.GetUtcOffset(new DateTime(1970, 1, 1, 12, 0, 0, DateTimeKind.Utc));
            for (var day = new DateOnly(1970, 1, 2); day.Year < 2038; day = day.AddDays(1))
            {
                TimeSpan offset = zone.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
                if (offset != before)
                {
                    changes.Add((zone, day));
                    before = offset;
                }
            }
        }

        var random = new Random(20111230);
        cases.AddRange(Enumerable.Range(0, 300).Select(_ => changes[random.Next(changes.Count)]));
        var failures = new List<string>();
        foreach ((TimeZoneInfo zone, DateOnly changed) in cases)
        {
            // The change happened between the noons of the day before and of this day.
            foreach (DateOnly date in new[] { changed.AddDays(-1), changed, changed.AddDays(1) })
            {
                foreach (long offset in new[] { 0, (2 * Hour) + (Hour / 2) })
                {
                    long expected = OracleCalendar.FirstInstantAtOrAfter(date, offset, zone);
                    long actual = ZonedCalendar.StartAt(date, offset, zone);
                    if (expected != actual)
                    {
                        failures.Add($"{zone.Id} {date:yyyy-MM-dd} + {offset / 60_000} min: {DateTimeOffset.FromUnixTimeMilliseconds(actual):u}, expected {DateTimeOffset.FromUnixTimeMilliseconds(expected):u}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void The_second_pass_of_a_repeated_hour_across_midnight_belongs_to_the_day_that_began_at_its_first()
    {
        // Goose Bay fell back at 00:01 ADT on 7 November 2010 (03:01 UTC) to 23:01 AST of the 6th:
        // 7 November began at 00:00 ADT (03:00 UTC), and 03:07 UTC reads 23:07 of the 6th again.
        TimeZoneInfo gooseBay = TimeZoneInfo.FindSystemTimeZoneById("America/Goose_Bay");

        TimeWindow day = ZonedCalendar.Containing(At("2010-11-07T03:07:00Z"), CalendarUnit.Day, gooseBay);
        TimeWindow before = ZonedCalendar.Containing(At("2010-11-07T02:59:00Z"), CalendarUnit.Day, gooseBay);

        Assert.Equal(At("2010-11-07T03:00:00Z"), day.Start);
        Assert.Equal(At("2010-11-08T04:00:00Z"), day.End);
        Assert.Equal(At("2010-11-06T03:00:00Z"), before.Start);
        Assert.Equal(day.Start, before.End);
    }

    /// <summary>
    /// Around the <see cref="OddDays"/>, every 7 minutes over three days: the day, week and
    /// month (with and without an offset) holding an instant are the oracle's, which tries the units
    /// around the instant's local date until one's span holds it.
    /// </summary>
    [Fact]
    public void Every_instant_around_offset_changes_lies_in_the_unit_the_oracle_finds()
    {
        var units = new (CalendarUnit Unit, Func<DateOnly, DateOnly> FirstDateOf, Func<DateOnly, DateOnly> NextFirstDate)[]
        {
            (CalendarUnit.Day, d => d, d => d.AddDays(1)),
            (CalendarUnit.Week, d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)), d => d.AddDays(7)),
            (CalendarUnit.Month, d => new DateOnly(d.Year, d.Month, 1), d => d.AddMonths(1)),
        };
        var failures = new List<string>();
        foreach ((TimeZoneInfo zone, DateOnly date) in OddDays)
        {
            long from = At($"{date.AddDays(-1):yyyy-MM-dd}T00:00:00Z");
            for (long time = from; time < from + (72 * Hour); time += 7 * Minute)
            {
                foreach ((CalendarUnit unit, Func<DateOnly, DateOnly> firstDateOf, Func<DateOnly, DateOnly> nextFirstDate) in units)
                {
                    foreach (long offset in new[] { 0, 90 * Minute })
                    {
                        (long start, long end) = OracleCalendar.WithOffset(time, zone, offset, firstDateOf, nextFirstDate);
                        TimeWindow actual = ZonedCalendar.Containing(time, unit, zone, offset);
                        if (actual.Start != start || actual.End != end)
                        {
                            failures.Add($"{zone.Id} {DateTimeOffset.FromUnixTimeMilliseconds(time):u} {unit} + {offset / 60_000} min: [{DateTimeOffset.FromUnixTimeMilliseconds(actual.Start):u}, {DateTimeOffset.FromUnixTimeMilliseconds(actual.End):u}), expected [{DateTimeOffset.FromUnixTimeMilliseconds(start):u}, {DateTimeOffset.FromUnixTimeMilliseconds(end):u})");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_the_first_local_time_that_does()
    {
        // Chile moves its clocks from 00:00 to 01:00 on the first Sunday of September.
        TimeZoneInfo santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        long start = ZonedCalendar.StartOfDay(new DateOnly(2026, 9, 6), santiago);

        // 5 September ends at 24:00 of UTC-4 (04:00 UTC); 6 September begins there at 01:00 of UTC-3.
        Assert.Equal(At("2026-09-06T04:00:00Z"), start);
    }

    [Theory]
    [InlineData("2026-01-01T00:07:00Z", 600_000, 0, "2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T00:02:59Z", 600_000, 180_000, "2025-12-31T23:53:00Z")]
    [InlineData("2026-01-01T00:03:00Z", 600_000, 180_000, "2026-01-01T00:03:00Z")]
    [InlineData("1969-12-31T23:59:59Z", 600_000, 0, "1969-12-31T23:50:00Z")]
    public void Fixed_windows_align_to_the_epoch_in_UTC_with_offset(string time, long size, long offset, string expectedStart)
    {
        TimeWindow window = GridSpec.Fixed(size, offset).Containing(At(time), Berlin);

        Assert.Equal(At(expectedStart), window.Start);
        Assert.Equal(At(expectedStart) + size, window.End);
    }

    [Fact]
    public void Hopping_windows_list_every_window_containing_the_time_earliest_first()
    {
        var spec = WindowSpec.Hopping(30 * Minute, 10 * Minute);
        Span<TimeWindow> windows = stackalloc TimeWindow[spec.MaxWindowsPerRecord];
        int n = spec.Assign(At("2026-01-01T00:25:00Z"), TimeZoneInfo.Utc, windows);

        Assert.Equal(3, n);
        Assert.Equal(At("2026-01-01T00:00:00Z"), windows[0].Start);
        Assert.Equal(At("2026-01-01T00:20:00Z"), windows[2].Start);
        Assert.Equal(At("2026-01-01T00:50:00Z"), windows[2].End);
    }

    /// <summary>A hopping window's partials are its panes, one a step: a step that does not divide the size is refused.</summary>
    [Theory]
    [InlineData(25, 10)]
    [InlineData(10, 20)]
    [InlineData(10, 0)]
    public void A_hopping_window_needs_a_step_that_divides_its_size(int sizeMinutes, int stepMinutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WindowSpec.Hopping(sizeMinutes * Minute, stepMinutes * Minute));

    [Theory]
    [InlineData("2026-03-29T00:30:00Z", 1, 30, 7, 29, 3, 2026)]
    [InlineData("2026-03-29T01:30:00Z", 3, 30, 7, 29, 3, 2026)]
    [InlineData("2026-03-30T10:00:00Z", 12, 0, 1, 30, 3, 2026)]
    [InlineData("2026-12-31T23:30:00Z", 0, 30, 5, 1, 1, 2027)]
    public void Time_functions_answer_in_the_zone_with_ISO_weekdays(string time, int hour, int minute, int weekday, int day, int month, int year)
    {
        long t = At(time);

        Assert.Equal(hour, LocalTimeFunctions.Hour(t, Berlin));
        Assert.Equal(minute, LocalTimeFunctions.Minute(t, Berlin));
        Assert.Equal(weekday, LocalTimeFunctions.Weekday(t, Berlin));
        Assert.Equal(day, LocalTimeFunctions.Day(t, Berlin));
        Assert.Equal(month, LocalTimeFunctions.Month(t, Berlin));
        Assert.Equal(year, LocalTimeFunctions.Year(t, Berlin));
    }
}
