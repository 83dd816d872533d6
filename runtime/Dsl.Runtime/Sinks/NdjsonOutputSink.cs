using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sinks;

/// <summary>
/// Writes outputs as EnOS measure-point records, one JSON object a line, with
/// <c>attr {job, version, calMode}</c>. Doubles are written in the shortest form that round-trips,
/// independent of culture. A line is mostly fixed text: the asset's part, the point's part (model,
/// point, the <c>time</c> key) and the mode's part (the <c>attr</c> object) are escaped and
/// encoded to UTF-8 once, so writing a line is three copies and two numbers. String values, the
/// only part that may need escaping, go through <see cref="Utf8JsonWriter"/>.
/// </summary>
public sealed class NdjsonOutputSink : IOutputSink, IDisposable
{
    private const int FlushThreshold = 1 << 16;

    // Longest number text: a long (20) or a double in round-trip form (24), with room to spare.
    private const int NumberRoom = 32;

    private readonly Stream _stream;
    private readonly PointTable _points;
    private readonly AssetTable _assets;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _strings;

    // {"assetId":"…"  ·  ,"modelId":"…","pointId":"…","time":  ·  ,"quality":0,"attr":{…}}\n
    private readonly byte[][] _pointParts;
    private readonly byte[][] _modeParts;
    private byte[]?[] _assetParts = new byte[]?[64];

    public NdjsonOutputSink(Stream stream, JobManifest manifest, PointTable points, AssetTable assets)
    {
        _stream = stream;
        _points = points;
        _assets = assets;
        _strings = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _pointParts = [.. manifest.Points.Select(p => Utf8($",\"modelId\":{Quoted(p.ModelId)},\"pointId\":{Quoted(p.PointId)},\"time\":"))];
        // An output has the input records' shape; its quality is 0 (a computed value: the inputs'
        // quality codes are not interpreted, so none is passed on).
        string attr = $",\"quality\":0,\"attr\":{{\"job\":{Quoted(manifest.Name)},\"version\":{Quoted(manifest.Version)},\"calMode\":";
        _modeParts = [.. Enum.GetValues<CalMode>().Select(m => Utf8($"{attr}{Quoted(CalModeNames.Of(m))}}}}}\n"))];
    }

    public void Write(in OutputRecord record)
    {
        Append(AssetPart(record.Asset));
        Append(_pointParts[record.Point]);
        AppendNumber(record.Time);
        Append(",\"value\":"u8);
        switch (_points[record.Point].ValueType)
        {
            case PointValueType.Long:
            case PointValueType.Int:
                AppendNumber((long)Math.Round(record.Value));
                break;
            case PointValueType.Bool:
                Append(record.Value != 0 ? "true"u8 : "false"u8);
                break;
            case PointValueType.String:
                _strings.Reset(_buffer);
                _strings.WriteStringValue(record.Text ?? string.Empty);
                _strings.Flush();
                break;
            default:
                AppendNumber(record.Value);
                break;
        }

        Append(_modeParts[(int)record.Mode]);
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
        _strings.Dispose();
    }

    // A JSON string as Utf8JsonWriter escapes it (the default encoder).
    private static string Quoted(string text) => $"\"{JsonEncodedText.Encode(text)}\"";

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private byte[] AssetPart(int asset)
    {
        if (asset >= _assetParts.Length)
        {
            Array.Resize(ref _assetParts, Math.Max(asset + 1, _assetParts.Length * 2));
        }

        return _assetParts[asset] ??= Utf8($"{{\"assetId\":{Quoted(_assets.Id(asset))}");
    }

    private void Append(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    private void AppendNumber(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer.GetSpan(NumberRoom), out int written);
        _buffer.Advance(written);
    }

    // The formatting Utf8JsonWriter uses for a double: the shortest text that round-trips. JSON has
    // no NaN or infinity; operators count such results instead of emitting them.
    private void AppendNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON numbers are finite.");
        }

        Utf8Formatter.TryFormat(value, _buffer.GetSpan(NumberRoom), out int written);
        _buffer.Advance(written);
    }

    private void Drain()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }
}
