using System.Runtime.InteropServices;
using Dsl.Naming;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Assets;

/// <summary>
/// Dense asset slots, each with its model, time zone and attribute values. An asset has one model:
/// the one in its master data, else the one of its first record. Slots are assigned on first
/// sight and never reused, so operators can keep per-asset state in arrays indexed by slot.
/// </summary>
public sealed class AssetTable
{
    private readonly JobManifest _manifest;
    private readonly PointTable _points;
    private readonly TimeZoneInfo _defaultZone;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, AssetMasterData> _masterData = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private readonly List<int> _models = [];
    private readonly List<TimeZoneInfo> _zones = [];
    private readonly List<PointValue?[]> _attributes = [];

    public AssetTable(JobManifest manifest, PointTable points, IEnumerable<AssetMasterData>? masterData = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _manifest = manifest;
        _points = points;
        _defaultZone = string.IsNullOrEmpty(manifest.TimeZone) ? TimeZoneInfo.Utc : FindZone(manifest.TimeZone, "the job");
        _lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (AssetMasterData asset in masterData ?? [])
        {
            _masterData[asset.AssetId] = asset;
        }

        AttributeTypeCheck.Check(manifest, points, _masterData.Values);
    }

    /// <summary>
    /// The model of an asset whose master data names one the job does not declare: no record the
    /// job reads is of it, so each is a model mismatch (a shared assets file lists assets of models
    /// other jobs read, and their records are of those models, which this job ignores).
    /// </summary>
    public const int UndeclaredModel = -1;

    public int Count => _ids.Count;

    /// <summary>
    /// The size to grow a per-asset array of <paramref name="capacity"/> to, so that it holds
    /// <paramref name="asset"/>: at least double, so that growth stays amortised, and room for every
    /// asset with a slot or in the master data, so that with an assets file such arrays grow once.
    /// </summary>
    public int CapacityFor(int asset, int capacity) =>
        Math.Max(Math.Max(asset + 1, capacity * 2), Math.Max(Count, _masterData.Count));

    public TimeZoneInfo DefaultZone => _defaultZone;

    // Lookups go through spans: List<T>.this[] of a reference type is shared generic code, which
    // the JIT does not inline into the operators' hot paths.
    public string Id(int asset) => CollectionsMarshal.AsSpan(_ids)[asset];

    public int Model(int asset) => _models[asset];

    /// <summary>The asset's model and where it came from, for a record of another model: <c>the model "Pump" of its master data</c>.</summary>
    public string DescribeModel(int asset)
    {
        int model = _models[asset];
        if (model == UndeclaredModel)
        {
            return $"the model \"{_masterData[_ids[asset]].ModelId}\" of its master data, which the job does not declare";
        }

        string name = model >= 0 && model < _manifest.Models.Count ? _manifest.Models[model].ModelId : "?";
        bool fromMasterData = _masterData.TryGetValue(_ids[asset], out AssetMasterData? data) && data.ModelId is not null && _points.TryGetModel(data.ModelId, out _);
        return $"the model \"{name}\" of its {(fromMasterData ? "master data" : "first record")}";
    }

    public TimeZoneInfo Zone(int asset) => CollectionsMarshal.AsSpan(_zones)[asset];

    /// <summary>The slot of an asset, creating it (with the record's model) on first sight.</summary>
    public int GetOrAdd(ReadOnlySpan<char> assetId, int model)
    {
        if (_lookup.TryGetValue(assetId, out int slot))
        {
            return slot;
        }

        return Add(assetId.ToString(), model);
    }

    public int GetOrAdd(string assetId, int model) =>
        _slots.TryGetValue(assetId, out int slot) ? slot : Add(assetId, model);

    public bool TryGetSlot(string assetId, out int slot) => _slots.TryGetValue(assetId, out slot);

    /// <summary>An attribute as a number; false when the asset has no value and the attribute no default.</summary>
    public bool TryNumber(int asset, int attribute, out double value)
    {
        PointValue?[] values = CollectionsMarshal.AsSpan(_attributes)[asset];
        if ((uint)attribute < (uint)values.Length && values[attribute] is { } v)
        {
            value = v.Number;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryText(int asset, int attribute, out string value)
    {
        PointValue?[] values = CollectionsMarshal.AsSpan(_attributes)[asset];
        if ((uint)attribute < (uint)values.Length && values[attribute] is { Text: { } text })
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>
    /// Re-creates the slots a checkpoint recorded, in slot order, so that state keyed by slot means the
    /// same asset again. Must run before any record is read.
    /// </summary>
    internal void Restore(IReadOnlyList<(string Id, int Model)> slots)
    {
        if (_ids.Count != 0)
        {
            throw new InvalidOperationException("Asset slots can only be restored into an empty table.");
        }

        foreach ((string id, int model) in slots)
        {
            Add(id, model);
            _models[^1] = model;
        }
    }

    private int Add(string assetId, int recordModel)
    {
        int slot = _ids.Count;
        _masterData.TryGetValue(assetId, out AssetMasterData? data);
        int model = data?.ModelId is not { Length: > 0 } modelId ? recordModel
            : _points.TryGetModel(modelId, out int m) ? m
            : UndeclaredModel;
        TimeZoneInfo zone = data?.TimeZone is { Length: > 0 } zoneId ? FindZone(zoneId, $"asset \"{assetId}\"") : _defaultZone;
        _slots.Add(assetId, slot);
        _ids.Add(assetId);
        _models.Add(model);
        _zones.Add(zone);
        _attributes.Add(ResolveAttributes(model, data));
        return slot;
    }

    private PointValue?[] ResolveAttributes(int model, AssetMasterData? data)
    {
        if (model < 0 || model >= _manifest.Models.Count)
        {
            return [];
        }

        IReadOnlyList<AttributeManifest> declared = _manifest.Models[model].Attributes;
        var values = new PointValue?[declared.Count];
        for (int i = 0; i < declared.Count; i++)
        {
            values[i] = data is not null && data.Attributes.TryGetValue(declared[i].Name, out PointValue v) ? v : declared[i].Default;
        }

        return values;
    }

    /// <summary>
    /// The zone of <paramref name="id"/> in any case. The tz database's file names have a case
    /// and .NET's cache of the zones found before has none, so an exact lookup alone would take
    /// "europe/berlin" only once Europe/Berlin has been loaded; the list of zones decides instead.
    /// </summary>
    internal static TimeZoneInfo FindZone(string id, string owner)
    {
        if (!TimeZones.IsZoneName(id))
        {
            throw new InvalidDataException($"The time zone \"{id}\" of {owner} is not a zone of the tz database.{TimeZones.Hint(id, " Name the zone, such as \"Europe/Berlin\".")}");
        }

        try
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(id, out TimeZoneInfo? zone)
                ? zone
                : TimeZoneInfo.FindSystemTimeZoneById(TimeZoneInfo.GetSystemTimeZones().FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.OrdinalIgnoreCase))?.Id ?? id);
        }
        catch (TimeZoneNotFoundException)
        {
            // Master data is typed by hand too: a misspelt zone gets the zone it most likely means, as in a job.
            throw new InvalidDataException($"The time zone \"{id}\" of {owner} is not known on this machine.{TimeZones.Hint(id, "")}");
        }
        catch (InvalidTimeZoneException)
        {
            throw new InvalidDataException($"The time zone \"{id}\" of {owner} is not valid on this machine.");
        }
    }
}
