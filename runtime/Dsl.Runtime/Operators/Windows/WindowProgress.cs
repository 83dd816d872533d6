using Dsl.Runtime.State;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>Blittable per-asset progress of one input point in one aggregate block.</summary>
[ReadsEarlierLayout("Dsl.Runtime.Operators.Windows.WindowProgress[Boolean Seen,Int64 Latest,Int64 FillStart,Int64 FillEnd]")]
public struct WindowProgress
{
    public bool Seen;

    /// <summary>
    /// The asset's windows were closed idle (<see cref="WindowOperator{TInputs, THead}.CloseIdle"/>)
    /// and no record has moved its time since: <see cref="Latest"/> is where those windows expire,
    /// not a record's time, and the zero results up to the latest record's window are out. In what
    /// was padding after <see cref="Seen"/>: older checkpoints read with it false.
    /// </summary>
    public bool ClosedIdle;

    /// <summary>Latest event time of the point for the asset (every parsed record counts).</summary>
    public long Latest;

    /// <summary><c>fill 0</c>: the next grid window that has not been considered for a zero result.</summary>
    public long FillStart;

    public long FillEnd;
}
