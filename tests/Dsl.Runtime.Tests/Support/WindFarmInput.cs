using System.Globalization;
using System.Text;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// Seeded NDJSON input for the wind-farm example job: per turbine and minute an active and a
/// reactive power sample and a meter reading, a few out of order, late, out of range or malformed.
/// </summary>
public static class WindFarmInput
{
    public static void Write(string path, int seed, int turbines, int minutes)
    {
        var random = new Random(seed);
        long start = 1768435200000; // 2026-01-15T00:00:00Z
        var meters = new double[turbines];
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        string? held = null;
        for (int minute = 0; minute < minutes; minute++)
        {
            for (int turbine = 0; turbine < turbines; turbine++)
            {
                string asset = $"WTG-{turbine + 1:D4}";
                long time = start + (minute * 60_000L);
                double power = Math.Round(random.NextDouble() * 3200 - 50, 1);
                meters[turbine] += Math.Max(0, power) / 60;
                string[] lines =
                [
                    Line(asset, "ActivePower", time, random.NextDouble() < 0.003 ? "\"---\"" : Number(power)),
                    Line(asset, "ReactivePower", time, Number(Math.Round(random.NextDouble() * 800 - 400, 1))),
                    Line(asset, "TotalActiveEnergy", time, Number(Math.Round(meters[turbine], 2))),
                ];
                foreach (string line in lines)
                {
                    // Now and then a record is held back and arrives a little later, out of order.
                    if (held is null && random.NextDouble() < 0.01)
                    {
                        held = line;
                        continue;
                    }

                    writer.Write(line);
                    writer.Write('\n');
                    if (held is not null && random.NextDouble() < 0.2)
                    {
                        writer.Write(held);
                        writer.Write('\n');
                        held = null;
                    }
                }
            }
        }

        if (held is not null)
        {
            writer.Write(held);
            writer.Write('\n');
        }
    }

    private static string Line(string asset, string point, long time, string value) =>
        $"{{\"assetId\":\"{asset}\",\"modelId\":\"WindTurbine\",\"pointId\":\"{point}\",\"time\":{time},\"value\":{value},\"quality\":0}}";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
