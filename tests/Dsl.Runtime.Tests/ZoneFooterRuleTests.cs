using System.Buffers.Binary;
using System.Text;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Time;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The rules tz files give for the years after their listed transitions, where they switch at
/// times outside the day (Chile at 24:00, Israel at 26:00, Greenland at −1:00). The expected
/// instants are what zdump and Python's zoneinfo read from the same files.
/// </summary>
public sealed class ZoneFooterRuleTests
{
    private const string Santiago = "<-04>4<-03>,M9.1.6/24,M4.1.6/24";

    [Theory]
    // Chile: the first Saturday of September at 24:00, that is Sunday 00:00, which is skipped.
    [InlineData(Santiago, "2038-09-05T03:59:59Z", -4)]
    [InlineData(Santiago, "2038-09-05T04:00:00Z", -3)]
    // Back on the first Saturday of April at 24:00 daylight time.
    [InlineData(Santiago, "2039-04-03T02:59:59Z", -3)]
    [InlineData(Santiago, "2039-04-03T03:00:00Z", -4)]
    // Israel: the Friday before the last Sunday of March (the fourth Thursday at 26:00).
    [InlineData("IST-2IDT,M3.4.4/26,M10.5.0", "2038-03-25T23:59:59Z", 2)]
    [InlineData("IST-2IDT,M3.4.4/26,M10.5.0", "2038-03-26T00:00:00Z", 3)]
    [InlineData("IST-2IDT,M3.4.4/26,M10.5.0", "2038-10-30T22:59:59Z", 3)]
    [InlineData("IST-2IDT,M3.4.4/26,M10.5.0", "2038-10-30T23:00:00Z", 2)]
    // Greenland: the last Sunday of March at −1:00, that is Saturday 23:00.
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2038-03-28T00:59:59Z", -2)]
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2038-03-28T01:00:00Z", -1)]
    [InlineData("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2038-10-31T01:00:00Z", -2)]
    // Egypt: the last Thursday of October at 24:00.
    [InlineData("EET-2EEST,M4.5.5/0,M10.5.4/24", "2038-10-28T20:59:59Z", 3)]
    [InlineData("EET-2EEST,M4.5.5/0,M10.5.4/24", "2038-10-28T21:00:00Z", 2)]
    // A rule at ordinary times, south of the equator, across the new year.
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", "2038-01-01T00:00:00Z", 11)]
    [InlineData("AEST-10AEDT,M10.1.0,M4.1.0/3", "2038-07-01T00:00:00Z", 10)]
    // Daylight time all year, as RFC 8536 writes it: the year ends at 25:00 as the next begins at 0:00.
    [InlineData("EST5EDT,0/0,J365/25", "2038-12-31T23:30:00Z", -4)]
    [InlineData("EST5EDT,0/0,J365/25", "2039-01-01T04:30:00Z", -4)]
    public void A_rule_gives_the_offset_the_tz_database_gives(string rule, string instant, int hours)
    {
        PosixZoneRule parsed = PosixZoneRule.Parse(rule) ?? throw new InvalidOperationException("not parsed");

        Assert.Equal(TimeSpan.FromHours(hours), parsed.OffsetAt(At(instant)));
    }

    [Theory]
    [InlineData("UTC0")]
    [InlineData("CET-1CEST")]
    [InlineData("<-04>4<-03>,M13.1.6/24,M4.1.6/24")]
    [InlineData("<-04>4<-03>,M9.1.6/168,M4.1.6/24")]
    [InlineData("<-04>4<-03>,M9.1.6/24")]
    [InlineData("<-04>4<-03>,M9.1.6/24,M4.1.6/24x")]
    [InlineData("<-04")]
    public void A_string_without_daylight_rules_or_malformed_gives_no_rule(string text) =>
        Assert.Null(PosixZoneRule.Parse(text));

    [Fact]
    public void Only_rules_that_switch_outside_the_day_replace_dotnets()
    {
        Assert.True(PosixZoneRule.Parse(Santiago)!.SwitchesOutsideTheDay);
        Assert.True(PosixZoneRule.Parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0")!.SwitchesOutsideTheDay);
        Assert.False(PosixZoneRule.Parse("CET-1CEST,M3.5.0,M10.5.0/3")!.SwitchesOutsideTheDay);
    }

    [Fact]
    public void A_slim_tz_file_without_transitions_takes_its_rule_for_every_instant()
    {
        FooterRule? footer = ZoneFooterRules.Read(TzifWithoutTransitions(Santiago));

        Assert.NotNull(footer);
        Assert.Equal(long.MinValue, footer.After);
        Assert.Equal(TimeSpan.FromHours(-3), footer.Rule.OffsetAt(At("2026-09-06T04:00:00Z")));
        Assert.Null(ZoneFooterRules.Read(TzifWithoutTransitions("CET-1CEST,M3.5.0,M10.5.0/3")));
        Assert.Null(ZoneFooterRules.Read("TZif"u8));
    }

    [Fact]
    public void A_damaged_tz_file_whose_counts_overrun_it_gives_no_rule()
    {
        byte[] file = TzifWithoutTransitions(Santiago);
        file.AsSpan(20, 24).Fill(0xFF);

        Assert.Null(ZoneFooterRules.Read(file));
    }

    [Fact]
    public void The_system_file_of_Santiago_takes_its_rule_after_its_last_transition()
    {
        FooterRule? footer = ZoneFooterRules.For(TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"));

        // A slim file lists up to the last change of the rules (2022), a fat one to the end of
        // 32-bit time (2038-01-19T03:14:07Z).
        Assert.NotNull(footer);
        Assert.InRange(footer.After, At("2022-09-11T04:00:00Z"), At("2038-01-19T03:14:07Z"));
    }

    [Fact]
    public void Santiagos_days_of_2038_start_where_the_tz_database_starts_them()
    {
        TimeZoneInfo santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        // Saturday 4 September is 24 hours; Sunday 5 September starts at 01:00 (00:00 is skipped), 23 hours.
        Assert.Equal(new TimeWindow(At("2038-09-04T04:00:00Z"), At("2038-09-05T04:00:00Z")), ZonedCalendar.Containing(At("2038-09-04T12:00:00Z"), CalendarUnit.Day, santiago));
        Assert.Equal(new TimeWindow(At("2038-09-05T04:00:00Z"), At("2038-09-06T03:00:00Z")), ZonedCalendar.Containing(At("2038-09-05T12:00:00Z"), CalendarUnit.Day, santiago));
        Assert.Equal(23, ZonedCalendar.ToLocal(At("2038-09-05T03:00:00Z"), santiago).Hour);
        Assert.Equal(1, ZonedCalendar.ToLocal(At("2038-09-05T04:00:00Z"), santiago).Hour);
    }

    [Fact]
    public void Jerusalems_spring_day_of_2038_is_the_Friday()
    {
        TimeZoneInfo jerusalem = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

        TimeWindow friday = ZonedCalendar.Containing(At("2038-03-26T12:00:00Z"), CalendarUnit.Day, jerusalem);

        Assert.Equal(new TimeWindow(At("2038-03-25T22:00:00Z"), At("2038-03-26T21:00:00Z")), friday);
    }

    /// <summary>A TZif version 2 file with one local time type and no transitions, as zic -b slim writes a zone whose rule never changed.</summary>
    private static byte[] TzifWithoutTransitions(string footer)
    {
        var file = new List<byte>();
        void Header()
        {
            file.AddRange("TZif2"u8.ToArray());
            file.AddRange(new byte[15]);
            foreach (uint count in new uint[] { 0, 0, 0, 0, 1, 4 })
            {
                var bytes = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(bytes, count);
                file.AddRange(bytes);
            }
        }

        // Each block: one type (utoff −14400, not daylight, abbreviation at 0) and "-04\0".
        byte[] block = [0xFF, 0xFF, 0xC7, 0xC0, 0, 0, (byte)'-', (byte)'0', (byte)'4', 0];
        Header();
        file.AddRange(block);
        Header();
        file.AddRange(block);
        file.AddRange(Encoding.ASCII.GetBytes($"\n{footer}\n"));
        return [.. file];
    }
}
