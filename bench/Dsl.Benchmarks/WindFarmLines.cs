using System.Globalization;
using System.Text;

namespace Dsl.Benchmarks;

/// <summary>Wind-farm records in time order: per minute and turbine, active and reactive power and the meter.</summary>
internal static class WindFarmLines
{
    public static string Generate(int turbines, int minutes)
    {
        var random = new Random(1);
        var meters = new double[turbines];
        var text = new StringBuilder();
        long start = 1768435200000;
        for (int minute = 0; minute < minutes; minute++)
        {
            long time = start + (minute * 60_000L);
            for (int turbine = 0; turbine < turbines; turbine++)
            {
                double power = Math.Round(random.NextDouble() * 3200, 1);
                meters[turbine] += power / 60;
                Append(text, turbine, "ActivePower", time, power);
                Append(text, turbine, "ReactivePower", time, Math.Round(random.NextDouble() * 800 - 400, 1));
                Append(text, turbine, "TotalActiveEnergy", time, Math.Round(meters[turbine], 2));
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int turbine, string point, long time, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"{{\"assetId\":\"WTG-{turbine + 1:D4}\",\"modelId\":\"WindTurbine\",\"pointId\":\"{point}\",\"time\":{time},\"value\":{value.ToString("R", CultureInfo.InvariantCulture)}}}\n");
}
