namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Where a horizon in the <see cref="ReadingLog"/> can later be cut without reading it back: at a
/// reading that opened an interval, the first of the horizon from <see cref="Index"/> on. Every
/// reading before it is at or before <see cref="PreviousTime"/>, and <see cref="After"/> is the
/// algorithm's state after them all, the base the horizon keeps once they are dropped.
/// </summary>
internal readonly record struct PruneMark(int Index, long Entry, long Time, long PreviousTime, StepState After);
