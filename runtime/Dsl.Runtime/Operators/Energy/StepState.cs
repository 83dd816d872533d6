namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// The sequential algorithm's state between readings (blittable): for a meter its baseline
/// (v₀, t₀); for power the last valid sample.
/// </summary>
public struct StepState
{
    public bool HasBaseline;
    public double Value;
    public long Time;
}
