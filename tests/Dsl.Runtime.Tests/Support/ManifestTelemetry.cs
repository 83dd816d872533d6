using System.Globalization;
using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// Seeded NDJSON for any job, from its manifest: three assets per model, a record every 30 s of a
/// random input point over 20 hours across the night Europe moves its clocks forward, with
/// late records up to an hour old, missing values, bad quality, and meter registers that reset
/// and spike. The asset master data gives each asset a zone (or none) and some of its attributes.
/// </summary>
public static class ManifestTelemetry
{
    private static readonly string?[] _zones = [null, "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"];

    public static string Records(JobManifest manifest, int seed, int count)
    {
        var random = new Random(seed);
        PointManifest[] inputs = [.. manifest.Points.Where(p => p.IsInput)];
        long start = DateTimeOffset.Parse("2026-03-28T12:00:00Z", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var registers = new Dictionary<string, double>(StringComparer.Ordinal);
        var text = new StringBuilder();
        for (int i = 0; i < count && inputs.Length > 0; i++)
        {
            PointManifest point = inputs[random.Next(inputs.Length)];
            string asset = Asset(point.ModelId, random.Next(3));
            long time = start + (i * 30_000L) - (random.Next(10) == 0 ? random.Next(3_600_000) : 0);
            string value = point.ValueType switch
            {
                PointValueType.String => $"\"s{random.Next(3)}\"",
                PointValueType.Bool => random.Next(2) == 0 ? "true" : "false",
                PointValueType.Long or PointValueType.Int => random.Next(-5, 1000).ToString(CultureInfo.InvariantCulture),
                _ when random.Next(40) == 0 => "null",
                _ when point.Kind == PointKind.Pi => Number(Register(registers, asset + "/" + point.PointId, random)),
                _ => Number((random.NextDouble() * 2000) - 200),
            };
            text.Append(CultureInfo.InvariantCulture, $"{{\"assetId\":\"{asset}\",\"modelId\":\"{point.ModelId}\",\"pointId\":\"{point.PointId}\",\"time\":{time},\"value\":{value},\"quality\":{(random.Next(8) == 0 ? 1 : 0)}}}\n");
        }

        return text.ToString();
    }

    public static IReadOnlyList<AssetMasterData> Assets(JobManifest manifest, int seed)
    {
        var random = new Random(seed);
        var assets = new List<AssetMasterData>();
        foreach (ModelManifest model in manifest.Models)
        {
            for (int n = 0; n < 3; n++)
            {
                AttributeManifest[] given = [.. model.Attributes.Where(_ => random.Next(3) != 0)];
                assets.Add(new AssetMasterData(
                    Asset(model.ModelId, n),
                    model.ModelId,
                    _zones[random.Next(_zones.Length)],
                    given.ToDictionary(a => a.Name, a => Value(a.ValueType, random)),
                    given.ToDictionary(a => a.Name, a => a.ValueType is PointValueType.Int ? PointValueType.Long : a.ValueType)));
            }
        }

        return assets;
    }

    private static string Asset(string model, int n) => $"{model}-{n}";

    /// <summary>A register that mostly climbs, now and then resets to 0 or spikes a hundredfold for one reading.</summary>
    private static double Register(Dictionary<string, double> registers, string key, Random random)
    {
        double value = registers.GetValueOrDefault(key, 1000);
        int roll = random.Next(100);
        if (roll < 2)
        {
            value = 0;
        }
        else if (roll < 3)
        {
            return value * 100;
        }
        else
        {
            value += roll < 10 ? 0 : random.NextDouble() * 10;
        }

        registers[key] = value;
        return value;
    }

    private static PointValue Value(PointValueType type, Random random) => type switch
    {
        PointValueType.String => PointValue.FromText("v" + random.Next(3)),
        PointValueType.Bool => PointValue.FromBool(random.Next(2) == 0),
        PointValueType.Long or PointValueType.Int => PointValue.FromNumber(random.Next(1, 5000)),
        _ => PointValue.FromNumber(Math.Round(random.NextDouble() * 5000, 2)),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
