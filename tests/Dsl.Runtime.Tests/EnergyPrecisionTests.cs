using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators.Energy;
using Dsl.Runtime.Tests.Compiled;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

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
    // Near a double's limits, where ten to the power of the decimals is not a double (a tiny scale's totals).
    [InlineData(1.23456789012345e-300, 1.234567890e-300)]
    [InlineData(5e-324, 5e-324)]
    [InlineData(-2.4691357802469e-305, -2.469135780e-305)]
    [InlineData(1.23456789012345e305, 1.234567890e305)]
    [InlineData(double.MaxValue, double.MaxValue)] // rounded up, it would be no double
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
    // Readings near a double's smallest, where the rounding scale is no double: still the readings' digits.
    [InlineData(1.00000000000001e-300, 1.00000000000003e-300, 2e-314)]
    [InlineData(1.000000000000001e-300, 1.000000000000002e-300, 0.0)] // below the readings' 15th digit
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

    /// <summary>
    /// Flat readings after a rise: the quarter hour 00:15 gets no energy in time order. Readings
    /// arriving newest first make the replay spread the rise into it and take it back again, which
    /// in binary floating point leaves −2.2e-16; the total is 0, as in time order.
    /// </summary>
    [Fact]
    public void Energy_that_a_late_reading_takes_back_leaves_a_total_of_exactly_zero()
    {
        const string Source = """
            job flat
            settings { timezone "UTC"  lateness 1d }
            model Meter {
              pi E: double kWh
              pi Q kWh
            }
            energy Meter from E by meter {
              slope [0, 100]
              split
              every 15m Q
            }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "flat");
        int e = loaded.Job.Manifest.Points.ToList().FindIndex(p => p.PointId == "E");
        long from = At("2026-01-01T00:00:00Z");
        TestRecord Reading(int minute, double value) => new("m", e, from + (minute * Minute), value);
        List<TestRecord> arrival = [Reading(0, 0), Reading(40, 2.9), Reading(25, 2.9), Reading(10, 2.9)];

        Dictionary<OutputKey, double> inOrder = OutputComparison.LastValues(JobHarness.Run(loaded.Job, [.. arrival.OrderBy(r => r.Time)]));
        Dictionary<OutputKey, double> outOfOrder = OutputComparison.LastValues(JobHarness.Run(loaded.Job, arrival));

        int q = loaded.Job.Manifest.Points.ToList().FindIndex(p => p.PointId == "Q");
        Assert.Equal([2.9, 0, 0], inOrder.Values);
        Assert.Equal(inOrder, outOfOrder);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(outOfOrder[new OutputKey("m", q, from + (15 * Minute))]));
    }

    /// <summary>
    /// Power samples of an interval whose energy cancels in order: 0.3, −0.1 and −0.2 kWh leave
    /// 5.6e-17 in binary floating point; the total is 0.
    /// </summary>
    [Fact]
    public void Power_steps_that_cancel_give_a_total_of_exactly_zero()
    {
        const string Source = """
            job cancels
            settings { timezone "UTC" }
            model Inverter {
              ai P: double kW
              pi Q kWh
            }
            energy Inverter from P by average_power {
              range [-10, 10]
              every 1h Q
            }
            """;
        using var loaded = LoadedJob.Load(CompiledOracleJobs.Image(Source), "cancels");
        int p = loaded.Job.Manifest.Points.ToList().FindIndex(point => point.PointId == "P");
        long from = At("2026-01-01T00:00:00Z");
        TestRecord Sample(int minute, double value) => new("i", p, from + (minute * Minute), value);

        List<Emitted> outputs = JobHarness.Run(loaded.Job, [Sample(0, 0), Sample(6, 3), Sample(12, -1), Sample(18, -2), Sample(60, 0)]);

        Emitted hour = outputs.First(o => o.Time == from);
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(hour.Value));
    }
}
