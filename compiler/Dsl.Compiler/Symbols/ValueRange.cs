using System.Globalization;

namespace Dsl.Compiler.Symbols;

/// <summary>The valid range of a point (<c>range [0, 3500]</c>); an open end is an infinity.</summary>
public sealed record ValueRange(double Lower, bool LowerInclusive, double Upper, bool UpperInclusive)
{
    public bool Contains(double value) =>
        (LowerInclusive ? value >= Lower : value > Lower) && (UpperInclusive ? value <= Upper : value < Upper);

    public override string ToString() =>
        $"{(LowerInclusive ? '[' : '(')}{Format(Lower)}, {Format(Upper)}{(UpperInclusive ? ']' : ')')}";

    private static string Format(double value) =>
        double.IsNegativeInfinity(value) ? "-inf" : double.IsPositiveInfinity(value) ? "+inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
