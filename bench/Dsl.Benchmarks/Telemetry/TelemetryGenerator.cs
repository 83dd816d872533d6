using System.Globalization;
using System.Text;

namespace Dsl.Benchmarks.Telemetry;

/// <summary>
/// Seeded wind-farm telemetry: every minute each turbine sends reactive power, active power and its
/// energy register (in that order, each turbine at its own second of the minute). Turbines report
/// in a shuffled order within a minute, so the stream is lightly out of order across assets but in
/// order per asset — which keeps a hand-written reference tractable.
/// </summary>
public static class TelemetryGenerator
{
    /// <summary>22:00 UTC on 2026-01-15: a run of a few hours crosses a calendar day.</summary>
    public const long Start = 1768514400000;

    public static void Write(Stream output, int assets, int minutes, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(output);
        var random = new Random(seed);
        var meters = new double[assets];
        var order = new int[assets];
        for (int a = 0; a < assets; a++)
        {
            order[a] = a;
            meters[a] = Math.Round(random.NextDouble() * 1_000_000, 2);
        }

        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder(160);
        for (int minute = 0; minute < minutes; minute++)
        {
            random.Shuffle(order);
            foreach (int asset in order)
            {
                long time = Start + (minute * 60_000L) + (asset % 60 * 1000L);
                double power = Math.Round(random.NextDouble() * 3200, 1);
                meters[asset] = Math.Round(meters[asset] + (power / 60), 2);
                Append(writer, line, asset, "ReactivePower", time, Math.Round((random.NextDouble() * 800) - 400, 1));
                Append(writer, line, asset, "ActivePower", time, power);
                Append(writer, line, asset, "TotalActiveEnergy", time, meters[asset]);
            }
        }
    }

    public static byte[] Generate(int assets, int minutes, int seed = 1)
    {
        using var stream = new MemoryStream();
        Write(stream, assets, minutes, seed);
        return stream.ToArray();
    }

    private static void Append(StreamWriter writer, StringBuilder line, int asset, string point, long time, double value)
    {
        line.Clear();
        line.Append(CultureInfo.InvariantCulture, $"{{\"assetId\":\"WTG-{asset + 1:D5}\",\"modelId\":\"WindTurbine\",\"pointId\":\"{point}\",\"time\":{time},\"value\":{value.ToString("R", CultureInfo.InvariantCulture)}}}\n");
        writer.Write(line);
    }
}
