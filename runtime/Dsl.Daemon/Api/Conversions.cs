using System.Text.Json;
using Dsl.Control.V1;
using Dsl.Runtime.Jobs;
using Google.Protobuf.WellKnownTypes;
using CompilerDiagnostic = Dsl.Compiler.Diagnostics.Diagnostic;
using CompilerSeverity = Dsl.Compiler.Diagnostics.DiagnosticSeverity;

namespace Dsl.Daemon.Api;

/// <summary>Between the runtime's and the control API's shapes.</summary>
public static class Conversions
{
    /// <summary>A compiler diagnostic with its file relative to the virtual root of the sources.</summary>
    public static Diagnostic ToProto(CompilerDiagnostic diagnostic, string root)
    {
        var start = diagnostic.Start;
        var end = diagnostic.End;
        string file = diagnostic.Source.Path.StartsWith(root, StringComparison.Ordinal)
            ? Path.GetRelativePath(root, diagnostic.Source.Path).Replace('\\', '/')
            : diagnostic.Source.Path;
        return new Diagnostic
        {
            File = file,
            Line = (uint)start.Line + 1,
            Column = (uint)start.Character + 1,
            EndLine = (uint)end.Line + 1,
            EndColumn = (uint)end.Character + 1,
            Severity = diagnostic.Severity switch
            {
                CompilerSeverity.Error => Severity.Error,
                CompilerSeverity.Warning => Severity.Warning,
                _ => Severity.Info,
            },
            Code = diagnostic.Code,

            // Messages name files too (an import not found): as paths of the job's sources, like File.
            Message = diagnostic.Message.Replace(root.TrimEnd('/') + "/", string.Empty, StringComparison.Ordinal),
        };
    }

    /// <summary>The API's channel of a job.</summary>
    public static Channel ToProto(JobChannel channel) => channel == JobChannel.Offline ? Channel.Offline : Channel.Realtime;

    /// <summary>A timestamp from a time.</summary>
    public static Timestamp ToProto(DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    /// <summary>
    /// A structured record as the NDJSON line the channels hold. Its value must have a JSON form:
    /// a number that is NaN or infinite, also inside an object or a list, has none (<see cref="Ingest.LineCheck.Check(Record)"/> refuses it).
    /// </summary>
    public static byte[] ToNdjson(Record record) => Write(record, asText: false);

    /// <summary>
    /// A structured record as a person reads it (an error log's record): its NDJSON line, where a
    /// number that is NaN or infinite, which JSON cannot hold, is written as JavaScript and Python write it.
    /// </summary>
    public static string ToText(Record record) => System.Text.Encoding.UTF8.GetString(Write(record, asText: true));

    private static byte[] Write(Record record, bool asText)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("assetId", record.AssetId);
            writer.WriteString("modelId", record.ModelId);
            writer.WriteString("pointId", record.PointId);
            writer.WriteNumber("time", record.Time);
            writer.WritePropertyName("value");
            WriteValue(writer, record.Value, asText);
            writer.WriteNumber("quality", record.Quality);
            if (record.Attr.Count > 0)
            {
                writer.WriteStartObject("attr");
                foreach (var (key, value) in record.Attr)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>An NDJSON output line as a structured record; null when it is not a record.</summary>
    public static Record? FromNdjson(ReadOnlySpan<byte> line)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line.ToArray());
            JsonElement root = document.RootElement;
            var record = new Record
            {
                AssetId = Text(root, "assetId"),
                ModelId = Text(root, "modelId"),
                PointId = Text(root, "pointId"),
                Time = root.TryGetProperty("time", out JsonElement time) && time.TryGetInt64(out long ms) ? ms : 0,
                Quality = root.TryGetProperty("quality", out JsonElement quality) && quality.TryGetInt32(out int q) ? q : 0,
                Value = root.TryGetProperty("value", out JsonElement value) ? ValueOf(value) : Value.ForNull(),
            };
            if (root.TryGetProperty("attr", out JsonElement attr) && attr.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty property in attr.EnumerateObject())
                {
                    record.Attr[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText();
                }
            }

            return record;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;

    private static Value ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => Value.ForNumber(value.GetDouble()),
        JsonValueKind.String => Value.ForString(value.GetString() ?? string.Empty),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        _ => Value.ForNull(),
    };

    private static void WriteValue(Utf8JsonWriter writer, Value? value, bool asText)
    {
        switch (value?.KindCase)
        {
            case Value.KindOneofCase.NumberValue when asText && !double.IsFinite(value.NumberValue):
                writer.WriteRawValue(value.NumberValue.ToString(System.Globalization.CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case Value.KindOneofCase.NumberValue:
                writer.WriteNumberValue(value.NumberValue);
                break;
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;

            // No point's type takes an object or a list, but the record goes in as sent, as an NDJSON
            // sender's would: the job refuses it, and its error log shows what came, not a null.
            case Value.KindOneofCase.StructValue:
                writer.WriteStartObject();
                foreach (var (name, field) in value.StructValue.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, field, asText);
                }

                writer.WriteEndObject();
                break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (Value item in value.ListValue.Values)
                {
                    WriteValue(writer, item, asText);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
