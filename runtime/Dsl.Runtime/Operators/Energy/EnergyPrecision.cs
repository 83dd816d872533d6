using System.Globalization;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// Meter steps subtract large readings (18,472,905.1 − 18,472,514.8), which in binary floating
/// point leaves noise of about 2e-16 times the reading in every step (390.30000000074506
/// instead of 390.3). Totals are emitted rounded to 10 significant digits: below any meter's
/// resolution (10 mWh on a 44,336 kWh day), and enough to give back the decimal result the
/// readings imply.
/// </summary>
internal static class EnergyPrecision
{
    private const int SignificantDigits = 10;

    // The digits a double holds of a reading: the step between two readings that write at most
    // this many is exact once rounded to the last of them (the subtraction's error is under a
    // quarter of that digit).
    private const int ReadingDigits = 15;

    // A power of ten that is a double, with room: the first factor of a scale beyond 10^308.
    private const int MaxScaleExponent = 290;

    public static double Round(double value) => Round(value, value, SignificantDigits);

    // Below this fraction of the larger of a total and a step, their sum is what rounding left of
    // two that cancel: a few units in the last binary place of each (2e-16), many times over.
    private const double CancellationResidue = 1e-12;

    /// <summary>
    /// A total plus a step. When steps of opposite signs bring a total back to zero (the replay of a
    /// late reading takes back what an earlier step gave the interval; a negative power sample
    /// after a positive one), binary floating point leaves a residue of a unit or two in their last
    /// place, which rounding to 10 significant digits of itself keeps (−2.2e-16): the total is 0.
    /// </summary>
    public static double Add(double total, double step)
    {
        double sum = total + step;
        return Math.Abs(sum) < Math.Max(Math.Abs(total), Math.Abs(step)) * CancellationResidue ? 0 : sum;
    }

    /// <summary>
    /// A step between readings as they write it: <paramref name="delta"/> rounded to the 15th
    /// significant digit of <paramref name="readings"/> (the largest value it was computed from),
    /// so 18,472,905.124 − 18,472,905.123 is 0.001 (not 0.0010000020265579224) and
    /// 18,472,905.1 − 18,472,514.8 is 390.3.
    /// </summary>
    public static double Step(double delta, double readings) => Round(delta, readings, ReadingDigits);

    /// <summary>
    /// A step's rate as its decimal figures give it: the step divided by the hours, to 15
    /// significant digits. The division leaves a unit or two in the last binary place (1.6 kWh over
    /// 20 minutes is 4.800000000000001, 0.35 over 7 minutes 2.9999999999999996), which would put a
    /// rate that is a slope bound on the wrong side of it; a rate exact to 15 digits is recovered,
    /// since the step, the hours and the quotient are each off by at most half a unit in their last
    /// binary place, three parts in 10^16 together.
    /// </summary>
    public static double Rate(double step, double hours) => Reading(step / hours);

    /// <summary>
    /// A reading as the register wrote it (at most 15 significant digits), from a product that
    /// converted it and back: 62,946,310.107 Wh × 0.001 × 1000 is 62,946,310.10700001.
    /// </summary>
    public static double Reading(double value) => Round(value, value, ReadingDigits);

    // Rounds value to the given number of significant digits of magnitude.
    private static double Round(double value, double magnitude, int digits)
    {
        if (value == 0 || !double.IsFinite(value) || magnitude == 0)
            return value;
        var decimals = digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(magnitude)));
        if (decimals is >= 0 and <= 15)
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        // Outside Math.Round's 0–15 decimals (totals below 1e-6 or above 1e9): scale instead.
        if (decimals <= MaxScaleExponent)
        {
            var scale = Math.Pow(10, decimals);
            double rounded = Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
            // Rounded up past the largest double (1.797693135e308), a total stays as it is, not infinite.
            return double.IsFinite(rounded) ? rounded : value;
        }

        // Beyond 10^308, 10^decimals is no double (a total of 1e-300 kWh, from a tiny scale): the
        // scale goes in two factors, each a double, and the whole number of units they give is
        // read back as the decimal it stands for, which a division would round twice.
        double units = Math.Round(value * Math.Pow(10, MaxScaleExponent) * Math.Pow(10, decimals - MaxScaleExponent), MidpointRounding.AwayFromZero);
        return double.Parse(string.Create(CultureInfo.InvariantCulture, $"{units:F0}E-{decimals}"), CultureInfo.InvariantCulture);
    }
}
