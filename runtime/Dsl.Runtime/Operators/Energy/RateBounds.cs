using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// A slope interval as bounds on a step's energy per millisecond, so that whether a step's rate
/// lies inside it takes two multiplications where the rate takes two dependent divisions.
/// </summary>
internal readonly struct RateBounds(double lowerPerMs, double upperPerMs, bool lowerInclusive, bool upperInclusive)
{
    /// <summary>Whether a step of <paramref name="delta"/> over <paramref name="ms"/> &gt; 0 milliseconds has its rate inside the bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(double delta, long ms)
    {
        // Converted once: the JIT converts a long operand of each product on its own.
        double elapsed = ms;
        double lower = lowerPerMs * elapsed;
        double upper = upperPerMs * elapsed;
        return (lowerInclusive ? delta >= lower : delta > lower) && (upperInclusive ? delta <= upper : delta < upper);
    }
}
