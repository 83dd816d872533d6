using System.Buffers;
using System.Text.Json;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sinks;

/// <summary>
/// Writes outputs as EnOS measure-point records, one JSON object a line, with
/// <c>attr {job, version, calMode}</c>. Doubles are written in the shortest form that round-trips,
/// independent of culture. Ids are escaped and encoded to UTF-8 once (per asset, point, job and
/// mode) rather than on every line.
/// </summary>
public sealed class NdjsonOutputSink : IOutputSink, IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _stream;
    private readonly PointTable _points;
    private readonly AssetTable _assets;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText[] _modelIds;
    private readonly JsonEncodedText[] _pointIds;
    private readonly JsonEncodedText _job;
    private readonly JsonEncodedText _version;
    private readonly JsonEncodedText[] _modes;
    private JsonEncodedText?[] _assetIds = new JsonEncodedText?[64];

    public NdjsonOutputSink(Stream stream, JobManifest manifest, PointTable points, AssetTable assets)
    {
        _stream = stream;
        _points = points;
        _assets = assets;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _modelIds = [.. manifest.Points.Select(p => JsonEncodedText.Encode(p.ModelId))];
        _pointIds = [.. manifest.Points.Select(p => JsonEncodedText.Encode(p.PointId))];
        _job = JsonEncodedText.Encode(manifest.Name);
        _version = JsonEncodedText.Encode(manifest.Version);
        _modes = [.. Enum.GetValues<CalMode>().Select(m => JsonEncodedText.Encode(CalModeNames.Of(m)))];
    }

    public void Write(in OutputRecord record)
    {
        PointManifest point = _points[record.Point];
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("assetId"u8, AssetId(record.Asset));
        _writer.WriteString("modelId"u8, _modelIds[record.Point]);
        _writer.WriteString("pointId"u8, _pointIds[record.Point]);
        _writer.WriteNumber("time"u8, record.Time);
        switch (point.ValueType)
        {
            case PointValueType.Long:
            case PointValueType.Int:
                _writer.WriteNumber("value"u8, (long)Math.Round(record.Value));
                break;
            case PointValueType.Bool:
                _writer.WriteBoolean("value"u8, record.Value != 0);
                break;
            case PointValueType.String:
                _writer.WriteString("value"u8, record.Text ?? string.Empty);
                break;
            default:
                _writer.WriteNumber("value"u8, record.Value);
                break;
        }

        _writer.WriteStartObject("attr"u8);
        _writer.WriteString("job"u8, _job);
        _writer.WriteString("version"u8, _version);
        _writer.WriteString("calMode"u8, _modes[(int)record.Mode]);
        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            Drain();
        }
    }

    public void Flush()
    {
        Drain();
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }

    /// <summary>An asset's id, encoded on its first output (assets are added as records name them).</summary>
    private JsonEncodedText AssetId(int asset)
    {
        if (asset >= _assetIds.Length)
        {
            Array.Resize(ref _assetIds, Math.Max(asset + 1, _assetIds.Length * 2));
        }

        return _assetIds[asset] ??= JsonEncodedText.Encode(_assets.Id(asset));
    }

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
