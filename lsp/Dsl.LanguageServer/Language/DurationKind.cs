namespace Dsl.LanguageServer.Language;

/// <summary>Which durations the compiler takes where one is expected.</summary>
public enum DurationKind
{
    /// <summary>A fixed length (hold, gap, idle, periods): a day is 24 hours, a month is an error, zero too.</summary>
    Fixed,

    /// <summary>A fixed length that may be zero: a lateness, a window offset, an alarm's duration threshold.</summary>
    FixedOrZero,

    /// <summary>A period that may follow the calendar (a tumbling window's size, the <c>every</c> of a merge or energy rule).</summary>
    CalendarPeriod,

    /// <summary>A hopping window's size or step: fixed, and not in days or weeks, which would read as calendar lengths.</summary>
    HoppingLength,
}
