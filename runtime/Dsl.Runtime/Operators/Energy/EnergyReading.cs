namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// An accepted reading in the replay horizon: only what arrived. The state after it and what its
/// step added are functions of the readings before it and the horizon's base state, so a late
/// reading recomputes them rather than every reading storing them; this keeps an in-order reading
/// down to a 16-byte append, which at a day's horizon per asset is most of the rule's memory traffic.
/// </summary>
internal struct EnergyReading
{
    public long Time;
    public double Value;
}
