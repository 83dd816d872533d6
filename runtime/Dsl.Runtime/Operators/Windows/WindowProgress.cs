using Dsl.Runtime.State;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>Blittable per-asset progress of one input point in one aggregate block.</summary>
[ReadsEarlierLayout("Dsl.Runtime.Operators.Windows.WindowProgress[Boolean Seen,Int64 Latest,Int64 FillStart,Int64 FillEnd]")]
public struct WindowProgress
{
    public bool Seen;

    /// <summary>
    /// An idle close (<see cref="WindowOperator{TInputs, THead}.CloseIdle"/>) moved <see cref="Latest"/>
    /// past the latest record, to where the windows it closed expire, and no record has moved it
    /// since: it is no record's time, so zero results of <c>fill 0</c> go no further than the
    /// windows still open (each close would otherwise add one a window further on). In what was
    /// padding after <see cref="Seen"/>: older checkpoints read with it false.
    /// </summary>
    public bool ClosedIdle;

    /// <summary>Latest event time of the point for the asset (every parsed record counts).</summary>
    public long Latest;

    /// <summary><c>fill 0</c>: the next grid window that has not been considered for a zero result.</summary>
    public long FillStart;

    public long FillEnd;
}
