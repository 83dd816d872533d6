namespace Dsl.Runtime.Time;

/// <summary>A half-open interval [Start, End) of epoch milliseconds.</summary>
public readonly record struct TimeWindow(long Start, long End)
{
    public bool Contains(long time) => time >= Start && time < End;
}
