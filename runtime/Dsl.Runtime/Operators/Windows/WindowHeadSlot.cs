namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// One asset's newest window held densely (see <see cref="IWindowHead"/>): its bounds, whether it
/// has been emitted, and its partials.
/// </summary>
public struct WindowHeadSlot<THead>
    where THead : unmanaged, IWindowHead
{
    public long Start;
    public long End;
    public bool Active;
    public bool Emitted;
    public THead Partials;
}
