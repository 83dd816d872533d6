namespace Dsl.Runtime.Operators.Energy;

/// <summary>The running total of one interval of one output that can still change or is not yet emitted.</summary>
internal struct OpenInterval
{
    public int Output;
    public long Start;
    public long End;
    public double Sum;
    public bool Emitted;
    public double LastEmitted;

    /// <summary>
    /// Whether an update would show another total than the last one emitted. Totals are emitted
    /// rounded (<see cref="EnergyPrecision"/>), and a replay that adds the same steps in another
    /// order can move the binary sum without moving the emitted value.
    /// </summary>
    public readonly bool ChangedSinceEmitted =>
        Emitted && Sum != LastEmitted && EnergyPrecision.Round(Sum) != EnergyPrecision.Round(LastEmitted);
}
