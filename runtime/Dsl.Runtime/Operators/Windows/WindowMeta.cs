namespace Dsl.Runtime.Operators.Windows;

/// <summary>Blittable bookkeeping of an open window.</summary>
public struct WindowMeta
{
    public long End;

    /// <summary>An on-time (or update) result has been emitted; later changes emit updates.</summary>
    public bool Emitted;

    /// <summary>Event time of the last early result (the window start when none).</summary>
    public long LastEarlyTick;
}
