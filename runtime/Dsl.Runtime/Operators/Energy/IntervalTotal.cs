namespace Dsl.Runtime.Operators.Energy;

/// <summary>Blittable running total of one interval.</summary>
public struct IntervalTotal
{
    public long End;
    public double Sum;
    public bool Emitted;
    public double LastEmitted;
}
