using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>The <c>window</c> clause of an aggregate block.</summary>
public sealed record WindowSpec(WindowKind Kind, GridSpec Grid, long SizeMs, long StepMs, long GapMs, long MaxMs)
{
    public static WindowSpec Tumbling(long sizeMs, long offsetMs = 0) =>
        new(WindowKind.Tumbling, GridSpec.Fixed(sizeMs, offsetMs), sizeMs, sizeMs, 0, 0);

    /// <summary><c>tumbling 1d</c>, <c>1w</c> or <c>1mo</c> [<c>offset D</c>]: local calendar windows in the asset's zone.</summary>
    public static WindowSpec Calendar(CalendarUnit unit, long offsetMs = 0) =>
        new(WindowKind.Tumbling, GridSpec.Calendric(unit, offsetMs), 0, 0, 0, 0);

    /// <summary>
    /// <c>hopping SIZE step STEP</c>: the step divides the size (as the language requires), since a
    /// window's partials are its panes, one a step (<see cref="WindowOperator{TInputs, THead}"/>).
    /// </summary>
    public static WindowSpec Hopping(long sizeMs, long stepMs) =>
        stepMs > 0 && sizeMs >= stepMs && sizeMs % stepMs == 0
            ? new(WindowKind.Hopping, GridSpec.Fixed(stepMs), sizeMs, stepMs, 0, 0)
            : throw new ArgumentOutOfRangeException(nameof(stepMs), "A hopping window needs 0 < step ≤ size, and a step that divides the size.");

    /// <param name="maxMs">Longest session; 0 for unbounded.</param>
    public static WindowSpec Session(long gapMs, long maxMs = 0) =>
        gapMs > 0 ? new(WindowKind.Session, default, 0, 0, gapMs, maxMs) : throw new ArgumentOutOfRangeException(nameof(gapMs));

    /// <summary>Most windows one record can fall into.</summary>
    public int MaxWindowsPerRecord => Kind == WindowKind.Hopping ? (int)((SizeMs + StepMs - 1) / StepMs) : 1;

    /// <summary>Writes the windows containing the time, earliest start first; returns their number.</summary>
    public int Assign(long time, TimeZoneInfo zone, Span<TimeWindow> destination)
    {
        if (Kind != WindowKind.Hopping)
        {
            destination[0] = Grid.Containing(time, zone);
            return 1;
        }

        long start = Grid.Containing(time, zone).Start;
        long earliest = start;
        while (earliest - StepMs + SizeMs > time)
        {
            earliest -= StepMs;
        }

        int n = 0;
        for (long s = earliest; s <= start; s += StepMs)
        {
            destination[n++] = new TimeWindow(s, s + SizeMs);
        }

        return n;
    }

    /// <summary>The earliest window containing the time.</summary>
    public TimeWindow First(long time, TimeZoneInfo zone)
    {
        Span<TimeWindow> windows = stackalloc TimeWindow[MaxWindowsPerRecord];
        Assign(time, zone, windows);
        return windows[0];
    }

    /// <summary>The window whose start follows the given one's on the grid.</summary>
    public TimeWindow Next(TimeWindow window, TimeZoneInfo zone) =>
        Kind == WindowKind.Hopping
            ? new TimeWindow(window.Start + StepMs, window.Start + StepMs + SizeMs)
            : Grid.Next(window, zone);
}
