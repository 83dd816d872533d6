using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>The part of <see cref="Moments"/> that <c>min</c> reads (see <see cref="SumPartial"/>).</summary>
public struct MinPartial
{
    public long Count;
    public double Min;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        Min = Count == 0 ? value : Math.Min(Min, value);
        Count++;
    }

    public readonly void CopyTo(ref Moments moments)
    {
        moments.Count = Count;
        moments.Min = Min;
    }
}
