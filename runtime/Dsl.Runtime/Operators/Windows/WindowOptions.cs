namespace Dsl.Runtime.Operators.Windows;

/// <summary>Configuration of one aggregate block.</summary>
/// <param name="LatenessMs">The block's <c>lateness</c>, or the job's default.</param>
/// <param name="EarlyEveryMs">For <see cref="EmitPolicy.Early"/>: the period D of partial results.</param>
/// <param name="StampEnd"><c>stamp end</c>: outputs carry the window end instead of its start.</param>
/// <param name="InputPoint">The block's input point (its slot), −1 when not known; a chained one
/// (<see cref="Jobs.JobContext.IsChained"/>) has its records held by the windows.</param>
public sealed record WindowOptions(
    WindowSpec Window,
    long LatenessMs = 0,
    EmitPolicy Emit = EmitPolicy.Ontime,
    long EarlyEveryMs = 0,
    bool StampEnd = false,
    int InputPoint = -1);
