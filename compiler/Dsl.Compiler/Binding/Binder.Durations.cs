using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly long _sevenDays = 7 * Duration.MillisecondsPerDay;


    /// <summary>
    /// A fixed length (lateness, hold, idle, gap, step, offset): <c>1d</c> is 24 hours and
    /// <c>1w</c> 7 days, but a month has no fixed length and is an error.
    /// </summary>
    private Duration? BindFixedDuration(DurationSyntax syntax, string what, bool allowZero = false)
    {
        // A duration the parser had to invent was reported already.
        if (syntax.Span.Length == 0 || IsNegative(syntax, what))
            return null;
        if (syntax.Unit == DurationUnit.Months)
        {
            Report(DiagnosticDescriptors.MonthNotFixed, syntax.Span, what);
            return null;
        }
        if (syntax.Amount <= 0 && !allowZero)
        {
            Report(DiagnosticDescriptors.ZeroDuration, syntax.Span, what);
            return null;
        }
        if (IsTooLong(syntax, what))
            return null;
        return Duration.FromSyntax(syntax, isCalendar: false);
    }

    /// <summary>
    /// A period that may follow the calendar (window sizes, merge and energy <c>every</c>):
    /// <c>1d</c>, <c>1w</c> and <c>1mo</c> are a local day, week and month; other amounts of
    /// those units are errors, since "2 calendar days" has no natural alignment.
    /// </summary>
    private Duration? BindPeriod(DurationSyntax syntax, string what)
    {
        if (syntax.Span.Length == 0 || IsNegative(syntax, what))
            return null;
        if (syntax.Amount <= 0)
        {
            Report(DiagnosticDescriptors.ZeroDuration, syntax.Span, what);
            return null;
        }
        if (IsTooLong(syntax, what))
            return null;

        var isCalendarUnit = syntax.Unit is DurationUnit.Days or DurationUnit.Weeks or DurationUnit.Months;
        if (!isCalendarUnit)
            return Duration.FromSyntax(syntax, isCalendar: false);
        if (syntax.Amount == 1)
            return Duration.FromSyntax(syntax, isCalendar: true);

        var written = Duration.FromSyntax(syntax, isCalendar: false);
        // A fixed length is written in hours, as days here would be the same error again; a month
        // has none, so the hint gives the hours of as many 30-day months.
        var hint = syntax.Unit == DurationUnit.Months
            ? $" Use 1mo, or a fixed length in hours: {syntax.Amount * 30} days are {syntax.Amount * 30 * 24}h."
            : $" For a fixed length write it in hours: {written.Milliseconds / 3_600_000}h.";
        Report(DiagnosticDescriptors.CalendarAmount, syntax.Span, what, written, hint);
        return null;
    }

    /// <summary>A sign before a duration: reported before anything else, as the one thing to fix.</summary>
    private bool IsNegative(DurationSyntax syntax, string what)
    {
        if (syntax.Amount >= 0)
            return false;
        // The length without its sign, from its parts: the text after the '-' may hold a comment.
        Report(DiagnosticDescriptors.NegativeDuration, syntax.Span, what, new Duration(-syntax.Amount, syntax.Unit, IsCalendar: false));
        return true;
    }

    private bool IsTooLong(DurationSyntax syntax, string what)
    {
        if (syntax.Amount <= DurationUnits.LongestMilliseconds / Duration.UnitMilliseconds(syntax.Unit))
            return false;
        // As written: an amount too large for a long was kept as long.MaxValue.
        Report(DiagnosticDescriptors.DurationTooLong, syntax.Span, what, _source.ToString(syntax.Span));
        return true;
    }

    /// <summary>A lateness (job default, rule option, energy clause): fixed, zero allowed, a warning past 7 days.</summary>
    private Duration? BindLateness(DurationSyntax syntax)
    {
        var lateness = BindFixedDuration(syntax, "lateness", allowZero: true);
        if (lateness is { } value && value.Milliseconds > _sevenDays)
            Report(DiagnosticDescriptors.LatenessTooLong, syntax.Span, value);
        return lateness;
    }

    /// <summary>The "daily window without a timezone" warning, for calendar periods in a job that sets none.</summary>
    private void WarnIfNoTimeZone(Duration? period, SyntaxNode at, string what)
    {
        if (period is { IsCalendar: true } && !_settings.HasTimeZone)
            Report(DiagnosticDescriptors.DailyWithoutTimeZone, at.Span, what);
    }
}
