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

    /// <summary>
    /// <c>x ^ y</c> and <c>pow(x, y)</c>: squares and cubes as products, whatever computed the
    /// exponent, so that <c>pow(x, 3)</c>, <c>x ^ (2 + 1)</c> and <c>x ^ 3</c> are the same number
    /// (Pow rounds differently: 0.6 ^ 3 is 0.216 as a product, 0.21599999999999997 by Pow).
    /// </summary>
    public static double Power(double value, double exponent) => exponent switch
    {
        2 => value * value,
        3 => value * value * value,
        _ => Math.Pow(value, exponent),
    };

    /// <summary><c>sign(x)</c> is an int: -1, 0 or 1; for NaN it is 0 (Math.Sign would throw).</summary>
    public static int Sign(double value) => double.IsNaN(value) ? 0 : Math.Sign(value);

    public static long Abs(long value) => value < 0 ? unchecked(-value) : value;

    public static int Abs(int value) => value < 0 ? unchecked(-value) : value;

    /// <summary><c>clamp(x, lo, hi)</c>; NaN when the bounds are inverted (Math.Clamp would throw).</summary>
    public static double Clamp(double value, double low, double high) =>
        low > high ? double.NaN : Math.Min(Math.Max(value, low), high);

    /// <summary>Halves round away from zero, as people round meter figures.</summary>
    public static double Round(double value) => Math.Round(value, MidpointRounding.AwayFromZero);

    // 10^0 … 10^15: below 10^(15 − d), a value rounded to d decimals keeps at most 15 significant digits.
    private static readonly double[] DecimalPlaces = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// Rounds to <paramref name="digits"/> decimals (0–15); negative digits round to tens, hundreds, ….
    /// A half is a half as the figure is written: 1.005 is held as 1.00499999999999989…, which
    /// rounds down in binary, so where the result keeps at most 15 significant digits (all a double
    /// holds of a written figure) the value is rounded as the decimal of those digits, to 1.01.
    /// </summary>
    public static double Round(double value, double digits)
    {
        if (double.IsNaN(digits) || double.IsInfinity(value))
            return double.NaN;
        var d = (int)Math.Clamp(Math.Truncate(digits), -15, 15);
        if (d >= 0 && Math.Abs(value) < DecimalPlaces[15 - d])
            return (double)Math.Round((decimal)value, d, MidpointRounding.AwayFromZero);
        if (d >= 0)
            return Math.Round(value, d, MidpointRounding.AwayFromZero);
        var factor = Math.Pow(10, -d);
        return Math.Round(value / factor, MidpointRounding.AwayFromZero) * factor;
    }
}
