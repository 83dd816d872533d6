using System.Globalization;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly string[] _emitModes = ["ontime", "final", "early"];
    private static readonly string[] _stamps = ["start", "end"];

    /// <summary>
    /// The most windows of a hopping window (size / step) a reading may fall in. Each reading
    /// updates every one of them, and the runtime lays them out on the stack:
    /// <c>hopping 1h step 1ms</c> (3,600,000) would overflow it. A day in steps of 10 s fits.
    /// </summary>
    internal const int MaxHoppingWindowsPerReading = 10_000;

    private BoundAggregateRule? BindAggregate(AggregateRuleSyntax syntax, int ordinal)
    {
        var model = BindRuleModel(syntax);
        var window = BindWindow(syntax.Window);
        var options = BindAggregateOptions(syntax, window);
        var writes = HasOutputs(syntax, syntax.HasEmptyBody, "aggregate", "Name = avg(Point)");
        if (model is null)
            return null;

        _semantic.Scopes.Add(new RuleScope(_source, syntax.Span, model, RuleKind.Aggregate));
        var line = LineOf(syntax.Span);
        var targets = new Dictionary<PointSymbol, int>();
        var outputs = new List<BoundAggregateOutput>();
        var complete = true;
        foreach (var output in syntax.Outputs)
        {
            if (BindAggregateOutput(output, model, line, targets) is { } bound)
                outputs.Add(bound);
            else
                complete = false;
        }

        if (window is null || options is null || !complete || !writes)
            return null;
        var (lateness, emit, early, stamp) = options.Value;
        return new BoundAggregateRule(model, ordinal, _source, syntax.Span, window, lateness, emit, early, stamp, [.. outputs]);
    }

    private BoundWindow? BindWindow(WindowSyntax syntax)
    {
        switch (syntax)
        {
            case TumblingWindowSyntax tumbling:
            {
                var size = BindPeriod(tumbling.Size, "window size");
                WarnIfNoTimeZone(size, tumbling.Size, $"{size} window");
                var offset = Duration.Zero;
                if (tumbling.Offset is not null)
                {
                    if (BindFixedDuration(tumbling.Offset, "window offset", allowZero: true) is not { } value)
                        return null;
                    offset = value;
                    if (size is { } s && offset.Milliseconds >= ShortestLength(s))
                    {
                        Report(DiagnosticDescriptors.OffsetTooLarge, tumbling.Offset.Span, offset, s, ShortestLengthNote(s));
                        return null;
                    }
                }
                return size is { } windowSize ? new BoundTumblingWindow(windowSize, offset) : null;
            }

            case HoppingWindowSyntax hopping:
            {
                var size = BindHoppingLength(hopping.Size, "window size");
                var step = BindHoppingLength(hopping.Step, "window step");
                if (size is not { } s || step is not { } t)
                    return null;
                if (t.Milliseconds > s.Milliseconds)
                {
                    Report(DiagnosticDescriptors.StepLongerThanWindow, hopping.Step.Span, t, s);
                    return null;
                }
                if (s.Milliseconds % t.Milliseconds != 0)
                {
                    Report(DiagnosticDescriptors.SizeNotMultipleOfStep, hopping.Size.Span, s, t);
                    return null;
                }
                if (s.Milliseconds / t.Milliseconds is var windows and > MaxHoppingWindowsPerReading)
                {
                    Report(DiagnosticDescriptors.TooManyHoppingWindows, hopping.Step.Span, s, t,
                        windows.ToString("N0", CultureInfo.InvariantCulture), MaxHoppingWindowsPerReading.ToString("N0", CultureInfo.InvariantCulture));
                    return null;
                }
                return new BoundHoppingWindow(s, t);
            }

            case SessionWindowSyntax session:
            {
                var gap = BindFixedDuration(session.Gap, "session gap");
                Duration? max = null;
                if (session.Max is not null)
                {
                    max = BindFixedDuration(session.Max, "session max");
                    if (max is null)
                        return null;
                    if (gap is { } g && max.Value.Milliseconds <= g.Milliseconds)
                    {
                        Report(DiagnosticDescriptors.SessionMaxTooShort, session.Max.Span, max.Value, g);
                        return null;
                    }
                }
                return gap is { } sessionGap ? new BoundSessionWindow(sessionGap, max) : null;
            }

            default:
                return null;
        }
    }

    /// <summary>Hopping windows are fixed lengths only: a calendar unit is reported rather than read as 24 h.</summary>
    private Duration? BindHoppingLength(DurationSyntax syntax, string what)
    {
        if (syntax.Span.Length > 0 && syntax.Amount > 0 && syntax.Unit is DurationUnit.Days or DurationUnit.Weeks or DurationUnit.Months)
        {
            // Days and weeks have a length in hours (which the message gives); a month has none.
            var (unit, hours) = syntax.Unit switch
            {
                DurationUnit.Days => ("days", (Int128)syntax.Amount * 24),
                DurationUnit.Weeks => ("weeks", (Int128)syntax.Amount * 168),
                _ => ("months", (Int128?)null),
            };
            var fix = hours is { } h ? $"write {h}h, or use a tumbling window for local {unit}" : "a month has no fixed length; use a tumbling window for local months";
            Report(DiagnosticDescriptors.HoppingCalendar, syntax.Span, Duration.FromSyntax(syntax, isCalendar: true), unit, fix);
            return null;
        }
        return BindFixedDuration(syntax, what);
    }

    /// <summary>
    /// Why a limit that looks shorter than a calendar window is not: the window is measured at its
    /// shortest, which the message says, since "23h must be shorter than 1d" reads as nonsense otherwise.
    /// </summary>
    private static string ShortestLengthNote(Duration size)
    {
        if (!size.IsCalendar)
            return "";
        var hours = ShortestLength(size) / Duration.UnitMilliseconds(DurationUnit.Hours);
        var length = hours < 24 ? $"{hours}h" : $"{hours / 24}d {hours % 24}h";
        return $", which can be as short as {length} when the clocks go forward";
    }

    /// <summary>The longest a period of this size can be: calendar days and weeks gain an hour from DST, months can have 31 days.</summary>
    private static long LongestLength(Duration size)
    {
        if (!size.IsCalendar)
            return size.Milliseconds;
        var hour = 3_600_000L;
        return size.Unit switch
        {
            DurationUnit.Days => 25 * hour,
            DurationUnit.Weeks => 7 * Duration.MillisecondsPerDay + hour,
            _ => 31 * Duration.MillisecondsPerDay + hour,
        };
    }

    /// <summary>The shortest a window of this size can be: calendar days lose an hour to DST, months can have 28 days.</summary>
    private static long ShortestLength(Duration size)
    {
        if (!size.IsCalendar)
            return size.Milliseconds;
        var hour = 3_600_000L;
        return size.Unit switch
        {
            DurationUnit.Days => 23 * hour,
            DurationUnit.Weeks => 7 * Duration.MillisecondsPerDay - hour,
            _ => 28 * Duration.MillisecondsPerDay - hour,
        };
    }

    private (Duration Lateness, EmitMode Emit, Duration? Early, WindowStamp Stamp)? BindAggregateOptions(AggregateRuleSyntax syntax, BoundWindow? window)
    {
        var lateness = _settings.Lateness;
        var emit = EmitMode.OnTime;
        Duration? early = null;
        var stamp = WindowStamp.Start;
        var ok = true;
        var seen = new HashSet<Type>();
        foreach (var option in syntax.Options)
        {
            if (!seen.Add(option.GetType()))
            {
                Report(DiagnosticDescriptors.DuplicateClause, option.Span, $"{OptionName(option)} option");
                continue;
            }

            switch (option)
            {
                case LatenessOptionSyntax l:
                    if (BindLateness(l.Lateness) is { } value)
                        lateness = value;
                    else
                        ok = false;
                    break;

                case EmitOptionSyntax e:
                    if (BindEmit(e, window) is { } policy)
                        (emit, early) = policy;
                    else
                        ok = false;
                    break;

                case StampOptionSyntax s:
                    switch (s.Value.Text)
                    {
                        case "start": stamp = WindowStamp.Start; break;
                        case "end": stamp = WindowStamp.End; break;
                        default:
                            ok = false;
                            if (!s.Value.IsMissing)
                                ReportUnknownWord(s.Value, "stamp", _stamps);
                            break;
                    }
                    break;

                default:
                    // Where the window was left out (`aggregate M hold 5m {`) the missing window is
                    // reported at the option already: one error there, the window first.
                    if (!IsWhereWindowIsMissing(syntax, option))
                        Report(DiagnosticDescriptors.OptionNotAllowed, option.Span, OptionName(option), "aggregate");
                    ok = false;
                    break;
            }
        }
        return ok ? (lateness, emit, early, stamp) : null;
    }

    // A window that could not be read has an empty span; the parser reported it at the first
    // token after where it belongs, which is the first option when one follows.
    private static bool IsWhereWindowIsMissing(AggregateRuleSyntax syntax, RuleOptionSyntax option) =>
        syntax.Window.Span.Length == 0 && syntax.Options[0] == option;

    private (EmitMode, Duration?)? BindEmit(EmitOptionSyntax syntax, BoundWindow? window)
    {
        EmitMode mode;
        switch (syntax.Mode.Text)
        {
            case "ontime": mode = EmitMode.OnTime; break;
            case "final": mode = EmitMode.Final; break;
            case "early": mode = EmitMode.Early; break;
            default:
                if (!syntax.Mode.IsMissing)
                    ReportUnknownWord(syntax.Mode, "emit mode", _emitModes);
                // Whatever mode was meant, a period must be a fixed, non-zero length.
                if (syntax.Every is not null)
                    BindFixedDuration(syntax.Every, "early period");
                return null;
        }

        if (mode != EmitMode.Early)
        {
            if (syntax.Every is null)
                return (mode, null);
            // `every` whose period failed to parse was reported there.
            if (syntax.Every.Span.Length == 0)
                return null;
            Report(DiagnosticDescriptors.PeriodOnlyWithEarly, syntax.Every.Span, syntax.Mode.Text);
            return null;
        }

        if (syntax.Every is null)
        {
            Report(DiagnosticDescriptors.EarlyNeedsPeriod, syntax.Mode.Span);
            return null;
        }

        if (BindFixedDuration(syntax.Every, "early period") is not { } every)
            return null;
        Duration? limit = window switch
        {
            BoundTumblingWindow t => t.Size,
            BoundHoppingWindow h => h.Size,
            BoundSessionWindow s => s.Max,
            _ => null,
        };
        if (limit is { } size && every.Milliseconds >= ShortestLength(size))
        {
            Report(DiagnosticDescriptors.EarlyPeriodTooLong, syntax.Every.Span, every, size, ShortestLengthNote(size));
            return null;
        }
        return (mode, every);
    }

    private static string OptionName(RuleOptionSyntax option) => option switch
    {
        LatenessOptionSyntax => "lateness",
        EmitOptionSyntax => "emit",
        StampOptionSyntax => "stamp",
        HoldOptionSyntax => "hold",
        _ => "rule",
    };
}
