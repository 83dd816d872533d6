namespace Dsl.Runtime.Time;

/// <summary>
/// Remembers, per asset, the last calendar interval a grid answered, because converting to local
/// time costs far more than the comparison that usually shows the next record falls in the same
/// day. Fixed grids are pure arithmetic and bypass it. Transient: rebuilt as records arrive.
/// </summary>
public sealed class GridCache
{
    private readonly GridSpec _grid;
    private long[] _starts = [];
    private long[] _ends = [];

    public GridCache(GridSpec grid) => _grid = grid;

    public GridSpec Grid => _grid;

    public TimeWindow Containing(int asset, long time, TimeZoneInfo zone)
    {
        if (!_grid.IsCalendar)
        {
            return _grid.Containing(time, zone);
        }

        if (asset >= _starts.Length)
        {
            int size = Math.Max(asset + 1, _starts.Length * 2);
            Array.Resize(ref _starts, size);
            Array.Resize(ref _ends, size);
        }

        if (time >= _starts[asset] && time < _ends[asset])
        {
            return new TimeWindow(_starts[asset], _ends[asset]);
        }

        TimeWindow window = _grid.Containing(time, zone);
        _starts[asset] = window.Start;
        _ends[asset] = window.End;
        return window;
    }
}
