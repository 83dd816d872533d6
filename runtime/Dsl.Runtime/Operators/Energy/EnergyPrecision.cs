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

    public static double Round(double value)
    {
        if (value == 0 || !double.IsFinite(value))
            return value;
        var decimals = SignificantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (decimals is >= 0 and <= 15)
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        // Outside Math.Round's 0–15 decimals (totals below 1e-6 or above 1e9): scale instead.
        var scale = Math.Pow(10, decimals);
        return Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
    }
}
