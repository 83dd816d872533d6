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
}
