using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>
/// A bound duration: the amount and unit as written, and whether the context makes it a
/// calendar length (a local day, a Monday-based week or a month in the asset's zone, as for
/// 1d/1w/1mo windows). Otherwise it is a fixed length: in <c>lateness</c>, <c>hold</c> or
/// <c>idle</c>, <c>1d</c> is 24 hours.
/// </summary>
public readonly record struct Duration(long Amount, DurationUnit Unit, bool IsCalendar)
{
    public const long MillisecondsPerDay = 86_400_000;

    public static Duration Zero { get; } = new(0, DurationUnit.Seconds, false);

    /// <summary>
    /// The fixed length in milliseconds. For calendar lengths this is the nominal length
    /// (a day 24 h, a week 7 days, a month 30 days), good for comparisons, not for arithmetic
    /// on local time.
    /// </summary>
    public long Milliseconds
    {
        get
        {
            // Saturate rather than overflow: an absurd amount must not wrap into a small length.
            var unit = UnitMilliseconds(Unit);
            return Amount > long.MaxValue / unit ? long.MaxValue : Amount * unit;
        }
    }

    public TimeSpan ToTimeSpan() => TimeSpan.FromMilliseconds(Milliseconds);

    public static Duration FromSyntax(DurationSyntax syntax, bool isCalendar) => new(syntax.Amount, syntax.Unit, isCalendar);

    public static long UnitMilliseconds(DurationUnit unit) => unit switch
    {
        DurationUnit.Milliseconds => 1,
        DurationUnit.Seconds => 1_000,
        DurationUnit.Minutes => 60_000,
        DurationUnit.Hours => 3_600_000,
        DurationUnit.Days => MillisecondsPerDay,
        DurationUnit.Weeks => 7 * MillisecondsPerDay,
        _ => 30 * MillisecondsPerDay,
    };

    public static string UnitSuffix(DurationUnit unit) => unit switch
    {
        DurationUnit.Milliseconds => "ms",
        DurationUnit.Seconds => "s",
        DurationUnit.Minutes => "m",
        DurationUnit.Hours => "h",
        DurationUnit.Days => "d",
        DurationUnit.Weeks => "w",
        _ => "mo",
    };

    /// <summary>As written in source: <c>10m</c>, <c>1d</c>.</summary>
    public override string ToString() => $"{Amount}{UnitSuffix(Unit)}";
}
