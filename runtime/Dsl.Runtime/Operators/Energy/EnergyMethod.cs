namespace Dsl.Runtime.Operators.Energy;

public enum EnergyMethod : byte
{
    /// <summary><c>by meter</c>: sum of valid meter-reading deltas (EnOS's documented algorithm).</summary>
    Meter,

    /// <summary><c>by instant_power</c>: trapezoid (P₀+P₁)/2·Δt.</summary>
    InstantPower,

    /// <summary><c>by average_power</c>: rectangle P₁·Δt (the closing sample is the interval's average).</summary>
    AveragePower,
}
