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

    /// <summary>
    /// Adds the partial of values that all come after this one's in event time (the next pane of a
    /// hopping window): count, sum, min and max add up, first and last are the outer ones, and the
    /// mean and M2 combine by Chan's formula, which is as stable as Welford's update.
    /// </summary>
    public void AppendLater(in Moments later)
    {
        if (later.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = later;
            return;
        }

        long count = Count + later.Count;
        double delta = later.Mean - Mean;
        Mean += delta * later.Count / count;
        M2 += later.M2 + (delta * delta * ((double)Count * later.Count / count));
        Sum += later.Sum;
        Min = Math.Min(Min, later.Min);
        Max = Math.Max(Max, later.Max);
        LastTime = later.LastTime;
        Last = later.Last;
        Count = count;
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
