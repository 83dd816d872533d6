namespace Dsl.Runtime.Time;

/// <summary>
/// Remembers, per asset, the last calendar interval a grid answered, because converting to local
/// time costs far more than the comparison that usually shows the next record falls in the same
/// day. Fixed grids are pure arithmetic and bypass it. Transient: rebuilt as records arrive.
/// </summary>
public sealed class GridCache
{
    private readonly GridSpec _grid;

    // One array of (start, end) rather than two, so that a lookup reads one cache line.
    private TimeWindow[] _windows = [];

    public GridCache(GridSpec grid) => _grid = grid;

    public GridSpec Grid => _grid;

    public TimeWindow Containing(int asset, long time, TimeZoneInfo zone)
    {
        if (!_grid.IsCalendar)
        {
            return _grid.Containing(time, zone);
        }

        if (asset >= _windows.Length)
        {
            Array.Resize(ref _windows, Math.Max(asset + 1, _windows.Length * 2));
        }

        ref TimeWindow cached = ref _windows[asset];
        if (time >= cached.Start && time < cached.End)
        {
            return cached;
        }

        cached = _grid.Containing(time, zone);
        return cached;
    }
}
