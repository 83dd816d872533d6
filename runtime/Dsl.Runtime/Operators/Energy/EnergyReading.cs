namespace Dsl.Runtime.Operators.Energy;

/// <summary>An accepted reading in the replay horizon, with the state after it and what its step added.</summary>
internal struct EnergyReading
{
    public long Time;
    public double Value;
    public StepState After;
    public bool Discarded;
    public Contribution[]? Contributions;
}
