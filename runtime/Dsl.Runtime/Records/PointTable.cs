using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Records;

/// <summary>
/// The job's points by dense slot, and the (model, point) → slot lookup the reader uses once per
/// record. Span-keyed lookups avoid allocating strings for the ids of known points.
/// </summary>
public sealed class PointTable
{
    private readonly PointManifest[] _points;
    private readonly int[] _modelOfPoint;
    private readonly ValueInterval[] _ranges;
    private readonly bool[] _hasRange;
    private readonly Dictionary<string, int> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>[] _pointsByModel;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _modelLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _pointLookups;

    public PointTable(JobManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        for (int m = 0; m < manifest.Models.Count; m++)
        {
            _models.Add(manifest.Models[m].ModelId, m);
        }

        _points = [.. manifest.Points];
        _modelOfPoint = new int[_points.Length];
        _ranges = new ValueInterval[_points.Length];
        _hasRange = new bool[_points.Length];
        for (int i = 0; i < _points.Length; i++)
        {
            PointManifest point = _points[i];
            if (!_models.TryGetValue(point.ModelId, out int model))
            {
                // A point of a model without attributes may come without a model entry.
                model = _models.Count;
                _models.Add(point.ModelId, model);
            }

            _modelOfPoint[i] = model;
            _hasRange[i] = point.Range is not null;
            _ranges[i] = point.Range ?? ValueInterval.All;
        }

        _pointsByModel = new Dictionary<string, int>[_models.Count];
        _pointLookups = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[_models.Count];
        for (int m = 0; m < _models.Count; m++)
        {
            _pointsByModel[m] = new Dictionary<string, int>(StringComparer.Ordinal);
            _pointLookups[m] = _pointsByModel[m].GetAlternateLookup<ReadOnlySpan<char>>();
        }

        for (int i = 0; i < _points.Length; i++)
        {
            _pointsByModel[_modelOfPoint[i]].Add(_points[i].PointId, i);
        }

        _modelLookup = _models.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _points.Length;

    public int ModelCount => _models.Count;

    public PointManifest this[int slot] => _points[slot];

    public int ModelOf(int slot) => _modelOfPoint[slot];

    public bool TryGetModel(ReadOnlySpan<char> modelId, out int model) => _modelLookup.TryGetValue(modelId, out model);

    public bool TryGetModel(string modelId, out int model) => _models.TryGetValue(modelId, out model);

    public bool TryGetPoint(int model, ReadOnlySpan<char> pointId, out int slot) =>
        _pointLookups[model].TryGetValue(pointId, out slot);

    public bool TryGetPoint(string modelId, string pointId, out int slot)
    {
        slot = -1;
        return _models.TryGetValue(modelId, out int model) && _pointsByModel[model].TryGetValue(pointId, out slot);
    }

    /// <summary>The slot of a point that must exist; for hosts and tests.</summary>
    public int Slot(string modelId, string pointId) =>
        TryGetPoint(modelId, pointId, out int slot)
            ? slot
            : throw new KeyNotFoundException($"The job has no point {modelId}::{pointId}.");

    /// <summary>True when the value lies in the point's declared range (or the point has none).</summary>
    public bool IsValid(int slot, double value) => !_hasRange[slot] || _ranges[slot].Contains(value);
}
