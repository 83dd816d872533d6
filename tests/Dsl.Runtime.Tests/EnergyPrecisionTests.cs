using Dsl.Runtime.Operators.Energy;

namespace Dsl.Runtime.Tests;

public sealed class EnergyPrecisionTests
{
    [Theory]
    [InlineData(18_472_905.1 - 18_472_514.8, 390.3)]
    [InlineData(0.1 + 0.2, 0.3)]
    [InlineData(129_454.0, 129_454.0)]
    [InlineData(-406.6000000000058, -406.6)]
    [InlineData(1.23456789012345e-7, 1.234567890e-7)]
    [InlineData(9.87654321098765e13, 9.876543211e13)]
    [InlineData(44_336.1000004, 44_336.1)]
    [InlineData(0.0, 0.0)]
    public void Totals_are_rounded_to_ten_significant_digits(double total, double expected)
    {
        Assert.Equal(expected, EnergyPrecision.Round(total));
    }

    /// <summary>A step is exact to the readings' own digits, however small beside them.</summary>
    [Theory]
    [InlineData(18_472_905.123, 18_472_905.124, 0.001)]
    [InlineData(18_472_514.8, 18_472_905.1, 390.3)]
    [InlineData(99_999_999.999, 100_000_000.002, 0.003)]
    [InlineData(123_456_789_012_345.0, 123_456_789_012_346.0, 1.0)]
    [InlineData(0.1, 0.3, 0.2)]
    [InlineData(5.0, 2.0, -3.0)]
    public void A_meter_step_is_the_decimal_difference_of_its_readings(double from, double to, double expected)
    {
        Assert.Equal(expected, EnergyPrecision.Step(to - from, Math.Max(Math.Abs(from), Math.Abs(to))));
    }

    /// <summary>
    /// A register's reading that went to kWh and back (an older checkpoint's) is the one it wrote;
    /// the product alone is not always (62,946,310.107 comes back as 62,946,310.10700001).
    /// </summary>
    [Theory]
    [InlineData(62_946_310.107)]
    [InlineData(48_158_967.661)]
    [InlineData(18_472_905.123)]
    public void A_reading_converted_and_back_is_the_reading(double wh)
    {
        double back = wh * 0.001 * 1000;
        Assert.Equal(wh, EnergyPrecision.Reading(back));
    }

    [Fact]
    public void Non_finite_totals_pass_through_unchanged()
    {
        Assert.True(double.IsNaN(EnergyPrecision.Round(double.NaN)));
        Assert.Equal(double.PositiveInfinity, EnergyPrecision.Round(double.PositiveInfinity));
    }
}
