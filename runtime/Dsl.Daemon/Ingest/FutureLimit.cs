using System.Globalization;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// How far ahead of the daemon's clock an ingested record's time may lie (<c>dsl serve
/// --max-future-hours</c>). A device whose clock jumped (a real-time clock reset to 2099, a
/// gateway that sends local time as UTC) would otherwise carry its asset's event time ahead with
/// one record: every correct record of that asset after it would be late until the clock caught
/// up, and a <c>merge … every</c> or a <c>fill</c> would evaluate every grid time and window up
/// to the jump, millions of them for years. Refused at ingest as <c>invalid_time</c>, such a
/// record is counted and described like any other bad line, and no job sees it.
/// </summary>
internal sealed class FutureLimit
{
    private readonly TimeSpan? _maxAhead;
    private readonly TimeProvider _clock;

    /// <param name="maxAhead">The margin; null for no limit.</param>
    public FutureLimit(TimeSpan? maxAhead, TimeProvider clock)
    {
        _maxAhead = maxAhead;
        _clock = clock;
    }

    /// <summary>No limit: every time jobs can read is taken.</summary>
    public static FutureLimit None { get; } = new(null, TimeProvider.System);

    /// <summary>The bound for records ingested now (one per chunk: a gRPC stream may stay open for days).</summary>
    public FutureBound Now()
    {
        if (_maxAhead is not { } ahead)
        {
            return default;
        }

        long now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new FutureBound(now, now + (long)ahead.TotalMilliseconds, ahead);
    }

    /// <summary>The latest time a record may have, found at <paramref name="Now"/> (the default bound refuses nothing).</summary>
    internal readonly record struct FutureBound(long Now, long Latest, TimeSpan MaxAhead)
    {
        public bool Refuses(long time) => MaxAhead > TimeSpan.Zero && time > Latest;

        /// <summary>The detail of a refusal of <paramref name="time"/>.</summary>
        public string Describe(long time) =>
            $"\"time\" {Iso(time)} is {Span(TimeSpan.FromMilliseconds(time - Now))} ahead of the daemon's clock ({Iso(Now)}); "
            + $"records may be at most {OptionHours.Format(MaxAhead)} ahead (dsl serve --max-future-hours)";
    }

    private static string Iso(long time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>How far ahead a time is, in the largest unit that keeps it readable: whole days from two days, else hours from two hours, else minutes.</summary>
    private static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } => $"{Math.Floor(span.TotalDays).ToString("N0", CultureInfo.InvariantCulture)} days",
        { TotalHours: >= 2 } => $"{Math.Floor(span.TotalHours).ToString(CultureInfo.InvariantCulture)} hours",
        { TotalMinutes: > 1 } => $"{Math.Ceiling(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes",
        _ => "1 minute",
    };
}
