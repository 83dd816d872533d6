using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Operators.Aggregates;

/// <summary>The part of <see cref="Moments"/> that <c>max</c> reads (see <see cref="SumPartial"/>).</summary>
public struct MaxPartial
{
    public long Count;
    public double Max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        Max = Count == 0 ? value : Math.Max(Max, value);
        Count++;
    }

    public readonly void CopyTo(ref Moments moments)
    {
        moments.Count = Count;
        moments.Max = Max;
    }
}
