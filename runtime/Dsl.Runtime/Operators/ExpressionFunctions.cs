namespace Dsl.Runtime.Operators;

/// <summary>
/// The language's arithmetic where it differs from .NET's: generated expressions call these so
/// that invalid math yields NaN (never an exception) and rounding is the documented one.
/// </summary>
public static class ExpressionFunctions
{
    /// <summary>Division; by zero it is NaN (the spec), not an infinity.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Divide(double left, double right) => right == 0 ? double.NaN : left / right;

    /// <summary>Remainder with the sign of the dividend; by zero it is NaN.</summary>
    public static double Modulo(double left, double right) => right == 0 ? double.NaN : left % right;

    /// <summary><c>x ^ 2</c>: exact and far cheaper than Math.Pow.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Square(double value) => value * value;

    /// <summary><c>x ^ 3</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Cube(double value) => value * value * value;

    /// <summary><c>sign(x)</c> is an int: -1, 0 or 1; for NaN it is 0 (Math.Sign would throw).</summary>
    public static int Sign(double value) => double.IsNaN(value) ? 0 : Math.Sign(value);

    public static long Abs(long value) => value < 0 ? unchecked(-value) : value;

    public static int Abs(int value) => value < 0 ? unchecked(-value) : value;

    /// <summary><c>clamp(x, lo, hi)</c>; NaN when the bounds are inverted (Math.Clamp would throw).</summary>
    public static double Clamp(double value, double low, double high) =>
        low > high ? double.NaN : Math.Min(Math.Max(value, low), high);

    /// <summary>Halves round away from zero, as people round meter figures.</summary>
    public static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Rounds to <paramref name="digits"/> decimals (0–15); negative digits round to tens, hundreds, …</summary>
    public static double Round(double value, double digits)
    {
        if (double.IsNaN(digits) || double.IsInfinity(value))
            return double.NaN;
        var d = (int)Math.Clamp(Math.Truncate(digits), -15, 15);
        if (d >= 0)
            return Math.Round(value, d, MidpointRounding.AwayFromZero);
        var factor = Math.Pow(10, -d);
        return Math.Round(value / factor, MidpointRounding.AwayFromZero) * factor;
    }
}
