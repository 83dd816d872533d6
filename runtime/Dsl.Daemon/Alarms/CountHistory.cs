namespace Dsl.Daemon.Alarms;

/// <summary>
/// One job's counters as the alarm evaluator read them, over the longest period its rules count.
/// A count over a period is the difference between the latest reading and the one the period
/// back; with less history than the period, the difference from the run's
/// <see cref="CountOrigin"/>. Readings of an earlier run are dropped: a fresh start sets the
/// counters back to zero.
/// </summary>
internal sealed class CountHistory
{
    private readonly Queue<(DateTimeOffset Time, IReadOnlyDictionary<string, long> Counts)> _readings = new();
    private CountOrigin? _origin;

    /// <summary>Adds a reading, keeping what a count over <paramref name="longest"/> needs.</summary>
    public void Add(CountOrigin origin, DateTimeOffset now, IReadOnlyDictionary<string, long> counts, TimeSpan longest)
    {
        if (_origin?.Run != origin.Run)
        {
            _readings.Clear();
            _origin = origin;
        }

        _readings.Enqueue((now, counts));
        while (_readings.Count > 2 && _readings.ElementAt(1).Time <= now - longest)
        {
            _readings.Dequeue();
        }
    }

    /// <summary>Forgets the readings: the job's counters are not known (not opened in its current run yet).</summary>
    public void Clear()
    {
        _readings.Clear();
        _origin = null;
    }

    /// <summary>
    /// What <paramref name="count"/> grew by over the last <paramref name="per"/>, and whether the
    /// history covers the whole period (if not, the growth since the origin); null before a reading.
    /// </summary>
    public (long Count, bool WholePeriod)? Over(Func<IReadOnlyDictionary<string, long>, long> count, TimeSpan per, DateTimeOffset now)
    {
        if (_origin is not { } origin || _readings.Count == 0)
        {
            return null;
        }

        long latest = count(_readings.Last().Counts);
        var baseline = _readings.Where(r => r.Time <= now - per).Select(r => (IReadOnlyDictionary<string, long>?)r.Counts).LastOrDefault();
        return baseline is null ? (latest - count(origin.Counts), false) : (latest - count(baseline), true);
    }
}
