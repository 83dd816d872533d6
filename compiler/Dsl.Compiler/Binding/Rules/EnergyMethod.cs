namespace Dsl.Compiler.Binding;

/// <summary>How an energy rule turns its source point into energy.</summary>
public enum EnergyMethod
{
    /// <summary><c>by meter</c>: deltas of a counter reading.</summary>
    Meter,

    /// <summary><c>by instant_power</c>: trapezoid over power samples.</summary>
    InstantPower,

    /// <summary><c>by average_power</c>: rectangle, each sample the average of the interval it closes.</summary>
    AveragePower,
}
