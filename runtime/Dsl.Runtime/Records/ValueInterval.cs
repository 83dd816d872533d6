using System.Runtime.CompilerServices;

namespace Dsl.Runtime.Records;

/// <summary>An interval in EnOS threshold notation, e.g. <c>[0, 3500)</c>; infinite bounds allowed.</summary>
public readonly record struct ValueInterval(double Lower, bool LowerInclusive, double Upper, bool UpperInclusive)
{
    /// <summary>(-inf, +inf): every finite value and both infinities.</summary>
    public static ValueInterval All { get; } = new(double.NegativeInfinity, true, double.PositiveInfinity, true);

    public static ValueInterval Closed(double lower, double upper) => new(lower, true, upper, true);

    public static ValueInterval ClosedOpen(double lower, double upper) => new(lower, true, upper, false);

    public static ValueInterval OpenClosed(double lower, double upper) => new(lower, false, upper, true);

    public static ValueInterval Open(double lower, double upper) => new(lower, false, upper, false);

    /// <summary>NaN is never contained.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(double value)
    {
        bool aboveLower = LowerInclusive ? value >= Lower : value > Lower;
        bool belowUpper = UpperInclusive ? value <= Upper : value < Upper;
        return aboveLower && belowUpper;
    }

    public override string ToString() =>
        $"{(LowerInclusive ? '[' : '(')}{Lower.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
        $"{Upper.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(UpperInclusive ? ']' : ')')}";
}
