using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>
/// Fixed-size, blittable partial aggregate of one output in one window: enough for count, sum,
/// avg, min, max, first, last, spread, delta, variance and stddev. Variance uses Welford's update
/// so it stays accurate for large values with small spread.
/// </summary>
public struct Moments
{
    public long Count;
    public double Sum;
    public double Mean;
    public double M2;
    public double Min;
    public double Max;
    public long FirstTime;
    public double First;
    public long LastTime;
    public double Last;

    /// <summary>Adds one value; first/last are by event time, ties by arrival.</summary>
    public void Add(long time, double value)
    {
        AddWithoutSpread(time, value);
        double d = value - Mean;
        Mean += d / Count;
        M2 += d * (value - Mean);
    }

    /// <summary>
    /// Adds one value without Welford's running mean and M2, which only variance and stddev read:
    /// the division it saves is most of the cost of an update.
    /// </summary>
    public void AddWithoutSpread(long time, double value)
    {
        if (Count == 0)
        {
            Min = Max = First = Last = value;
            FirstTime = LastTime = time;
        }
        else
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            if (time < FirstTime)
            {
                FirstTime = time;
                First = value;
            }

            if (time >= LastTime)
            {
                LastTime = time;
                Last = value;
            }
        }

        Count++;
        Sum += value;
    }

    /// <summary>Writes every field, in declaration order.</summary>
    internal readonly void WriteTo(CheckpointWriter writer)
    {
        writer.Write(Count);
        writer.Write(Sum);
        writer.Write(Mean);
        writer.Write(M2);
        writer.Write(Min);
        writer.Write(Max);
        writer.Write(FirstTime);
        writer.Write(First);
        writer.Write(LastTime);
        writer.Write(Last);
    }

    internal static Moments ReadFrom(CheckpointReader reader) => new()
    {
        Count = reader.ReadInt64(),
        Sum = reader.ReadDouble(),
        Mean = reader.ReadDouble(),
        M2 = reader.ReadDouble(),
        Min = reader.ReadDouble(),
        Max = reader.ReadDouble(),
        FirstTime = reader.ReadInt64(),
        First = reader.ReadDouble(),
        LastTime = reader.ReadInt64(),
        Last = reader.ReadDouble(),
    };
}
