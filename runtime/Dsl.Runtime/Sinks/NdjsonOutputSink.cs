using System.Buffers;
using System.Text.Json;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sinks;

/// <summary>
/// Writes outputs as EnOS measure-point records, one JSON object a line, with
/// <c>attr {job, version, calMode}</c>. Doubles are written in the shortest form that round-trips,
/// independent of culture.
/// </summary>
public sealed class NdjsonOutputSink : IOutputSink, IDisposable
{
    private const int FlushThreshold = 1 << 16;
    private readonly Stream _stream;
    private readonly JobManifest _manifest;
    private readonly PointTable _points;
    private readonly AssetTable _assets;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _writer;

    public NdjsonOutputSink(Stream stream, JobManifest manifest, PointTable points, AssetTable assets)
    {
        _stream = stream;
        _manifest = manifest;
        _points = points;
        _assets = assets;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public void Write(in OutputRecord record)
    {
        PointManifest point = _points[record.Point];
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("assetId"u8, _assets.Id(record.Asset));
        _writer.WriteString("modelId"u8, point.ModelId);
        _writer.WriteString("pointId"u8, point.PointId);
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
        _writer.WriteString("job"u8, _manifest.Name);
        _writer.WriteString("version"u8, _manifest.Version);
        _writer.WriteString("calMode"u8, CalModeNames.Of(record.Mode));
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

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
