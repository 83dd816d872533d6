namespace Dsl.Daemon.Alarms;

/// <summary>
/// One job's counters as the alarm evaluator read them, for each period its rules count over. A
/// count over a period is the difference between the latest reading and the one the period back;
/// with less history than the period, the difference from where the period's history starts:
/// the run's <see cref="CountOrigin"/>, or for a period a new version added, the counters at its
/// deployment, else the reading before its first (what came before was never kept for it, and
/// could be more than the period holds).
/// Readings of an earlier run are dropped: a fresh start sets the counters back to zero.
/// </summary>
internal sealed class CountHistory
{
    /// <summary>
    /// How many readings a period keeps at most (beyond the latest): readings come once a second,
    /// and a reading a second for <c>per 7d</c> would hold 600 000 sets of counters. So a count
    /// over D counts at most D / 512 more (a day and 3 minutes for <c>per 1d</c>).
    /// </summary>
    public const int Steps = 512;

    private readonly Dictionary<TimeSpan, PeriodHistory> _periods = [];
    private CountOrigin? _origin;

    // The counters of the previous reading, where a period a new version adds starts.
    private IReadOnlyDictionary<string, long>? _previous;

    // Whether the latest round knew the job's counters; a round that did not counts nothing.
    private bool _known;

    /// <summary>How many readings it keeps, over all periods.</summary>
    internal int Readings => _periods.Values.Sum(p => p.Readings.Count);

    /// <summary>Adds a reading, keeping what a count over each of <paramref name="periods"/> needs.</summary>
    public void Add(CountOrigin origin, DateTimeOffset now, IReadOnlyDictionary<string, long> counts, params IReadOnlyCollection<TimeSpan> periods) =>
        Add(origin, now, counts, null, periods);

    /// <summary>
    /// Adds a reading as <see cref="Add(CountOrigin, DateTimeOffset, IReadOnlyDictionary{string, long}, IReadOnlyCollection{TimeSpan})"/>
    /// does; a period not counted before starts at <paramref name="atDeployment"/>, the counters when
    /// the version that brought it was deployed in this run, when they are known.
    /// </summary>
    public void Add(CountOrigin origin, DateTimeOffset now, IReadOnlyDictionary<string, long> counts, IReadOnlyDictionary<string, long>? atDeployment, IReadOnlyCollection<TimeSpan> periods)
    {
        if (_origin?.Run != origin.Run)
        {
            _periods.Clear();
            _origin = origin;
            _previous = origin.Counts;
        }

        _known = true;

        foreach (TimeSpan gone in _periods.Keys.Except(periods).ToList())
        {
            _periods.Remove(gone);
        }

        foreach (TimeSpan per in periods)
        {
            if (!_periods.TryGetValue(per, out PeriodHistory? period))
            {
                period = new PeriodHistory(per, atDeployment ?? _previous ?? origin.Counts);
                _periods[per] = period;
            }

            period.Add(now, counts);
        }

        _previous = counts;
    }

    /// <summary>
    /// Notes that the job's counters are not known this round (not opened in its current run yet, or
    /// a new version being swapped in): nothing is counted until the next reading. The readings are
    /// kept: a reading of the same run goes on from them, so a swap does not restart the count from
    /// the start of the run, and one of another run drops them.
    /// </summary>
    public void MarkCountersUnknown() => _known = false;

    /// <summary>
    /// What <paramref name="count"/> grew by over the last <paramref name="per"/>, and whether the
    /// history covers the whole period (if not, the growth since it starts); null before a reading.
    /// </summary>
    public (long Count, bool WholePeriod)? Over(Func<IReadOnlyDictionary<string, long>, long> count, TimeSpan per, DateTimeOffset now)
    {
        if (!_known || _origin is null || !_periods.TryGetValue(per, out PeriodHistory? period) || period.Readings.Last is not { } last)
        {
            return null;
        }

        long latest = count(last.Value.Counts);
        var baseline = period.Readings.Where(r => r.Time <= now - per).Select(r => (IReadOnlyDictionary<string, long>?)r.Counts).LastOrDefault();
        return baseline is null ? (latest - count(period.Start), false) : (latest - count(baseline), true);
    }

    /// <summary>The readings one period needs, and the counters its history starts from.</summary>
    private sealed class PeriodHistory(TimeSpan per, IReadOnlyDictionary<string, long> start)
    {
        public IReadOnlyDictionary<string, long> Start => start;

        public LinkedList<(DateTimeOffset Time, IReadOnlyDictionary<string, long> Counts)> Readings { get; } = new();

        public void Add(DateTimeOffset now, IReadOnlyDictionary<string, long> counts)
        {
            // The latest reading stays only as the latest while the one before it is less than a step back.
            if (Readings.Last?.Previous is { } before && now - before.Value.Time < per / Steps)
            {
                Readings.RemoveLast();
            }

            Readings.AddLast((now, counts));

            // The first reading kept is the latest one a period back: the baseline of a whole period.
            while (Readings.Count > 2 && Readings.First!.Next!.Value.Time <= now - per)
            {
                Readings.RemoveFirst();
            }
        }
    }
}
