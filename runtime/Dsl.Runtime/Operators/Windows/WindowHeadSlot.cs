namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// One asset's slot in a window block: its quiet bound, and its newest window held densely when
/// the block has heads (see <see cref="IWindowHead"/>): the window's bounds, whether it has been
/// emitted, and its partials. One struct, so that a record in order reads one place per asset.
/// </summary>
public struct WindowHeadSlot<THead>
    where THead : unmanaged, IWindowHead
{
    public long Start;
    public long End;

    // The quiet bound less long.MinValue, so that a zeroed slot (a new or restored one) has the
    // bound long.MinValue: not known.
    private long _quietFromMin;

    public bool Active;
    public bool Emitted;
    public THead Partials;

    /// <summary>
    /// Transient: the event time before which a transition of the asset would neither emit nor
    /// drop anything; long.MinValue when not known (the next transition finds it).
    /// </summary>
    public long QuietUntil
    {
        readonly get => unchecked(_quietFromMin + long.MinValue);
        set => _quietFromMin = unchecked(value - long.MinValue);
    }
}
