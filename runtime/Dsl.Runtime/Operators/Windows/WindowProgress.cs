namespace Dsl.Runtime.Operators.Windows;

/// <summary>Blittable per-asset progress of one input point in one aggregate block.</summary>
public struct WindowProgress
{
    public bool Seen;

    /// <summary>Latest event time of the point for the asset (every parsed record counts).</summary>
    public long Latest;

    /// <summary><c>fill 0</c>: the next grid window that has not been considered for a zero result.</summary>
    public long FillStart;

    public long FillEnd;
}
