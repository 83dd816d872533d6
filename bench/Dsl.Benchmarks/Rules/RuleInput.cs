using System.Text.Json;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// Generated telemetry resolved once into <see cref="InputRecord"/>s for one job (no parsing in the
/// measured loop). Asset slots are the order of first appearance, which a fresh session reproduces
/// through <see cref="Register"/>.
/// </summary>
public sealed class RuleInput
{
    private RuleInput(InputRecord[] records, string[] assetIds, int model, int activePower, int reactivePower, int energy, PointTable points)
    {
        Points = points;
        Records = records;
        AssetIds = assetIds;
        Model = model;
        ActivePower = activePower;
        ReactivePower = reactivePower;
        Energy = energy;
    }

    public InputRecord[] Records { get; }

    public string[] AssetIds { get; }

    public int AssetCount => AssetIds.Length;

    public int Model { get; }

    public int ActivePower { get; }

    public int ReactivePower { get; }

    public int Energy { get; }

    /// <summary>The job's points, for the slots of its outputs.</summary>
    public PointTable Points { get; }

    /// <summary>The slot of one of the job's output points (−1 when the job has no such point).</summary>
    public int Output(string point) => Points.TryGetPoint("WindTurbine", point, out int slot) ? slot : -1;

    public static RuleInput Resolve(byte[] ndjson, PointTable points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int model = points.TryGetModel("WindTurbine", out int m) ? m : throw new InvalidOperationException("No WindTurbine model.");
        int activePower = SlotOrNone(points, "ActivePower");
        int reactivePower = SlotOrNone(points, "ReactivePower");
        int energy = SlotOrNone(points, "TotalActiveEnergy");
        var slots = new Dictionary<string, int>();
        var ids = new List<string>();
        var records = new List<InputRecord>();
        foreach (ReadOnlyMemory<byte> line in Lines(ndjson))
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            string asset = root.GetProperty("assetId").GetString() ?? string.Empty;
            string point = root.GetProperty("pointId").GetString() ?? string.Empty;
            if (point switch { "ActivePower" => activePower, "ReactivePower" => reactivePower, _ => energy } < 0)
            {
                // The reader ignores records of points the job does not read; so does this input.
                continue;
            }

            if (!slots.TryGetValue(asset, out int slot))
            {
                slot = ids.Count;
                slots.Add(asset, slot);
                ids.Add(asset);
            }

            int pointSlot = point switch
            {
                "ActivePower" => activePower,
                "ReactivePower" => reactivePower,
                _ => energy,
            };
            records.Add(new InputRecord(slot, pointSlot, root.GetProperty("time").GetInt64(), root.GetProperty("value").GetDouble(), null, 0, IsValid: true));
        }

        return new RuleInput([.. records], [.. ids], model, activePower, reactivePower, energy, points);
    }

    private static int SlotOrNone(PointTable points, string point) =>
        points.TryGetPoint("WindTurbine", point, out int slot) && points[slot].IsInput ? slot : -1;

    /// <summary>Gives a fresh session the same asset slots the records carry.</summary>
    public void Register(JobSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (string id in AssetIds)
        {
            session.Assets.GetOrAdd(id, Model);
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = Array.IndexOf(text, (byte)'\n', start);
            end = end < 0 ? text.Length : end;
            if (end > start)
            {
                yield return text.AsMemory(start, end - start);
            }

            start = end + 1;
        }
    }
}
