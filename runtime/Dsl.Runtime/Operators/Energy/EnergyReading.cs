namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// An accepted reading in the replay horizon, with the state after it and what its step added.
/// Without <c>split</c> a step goes whole to the intervals containing the reading, so its amount
/// says it all; with <c>split</c> its contributions vary in number and follow those of the
/// readings before it in the asset's contribution list.
/// </summary>
internal struct EnergyReading
{
    public long Time;
    public double Value;
    public StepState After;

    /// <summary>Without <c>split</c>: the energy the step added to each output's interval; NaN when there is no step.</summary>
    public double Amount;

    /// <summary>With <c>split</c>: how many contributions the step added.</summary>
    public int Contributions;
    public bool Discarded;
}
