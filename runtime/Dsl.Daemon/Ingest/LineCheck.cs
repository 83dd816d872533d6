using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Dsl.Control.V1;
using Dsl.Runtime.Sources;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// The check an ingested line passes before it enters a channel: a JSON object with the string
/// fields <c>assetId</c> (not empty), <c>modelId</c>, <c>pointId</c> and a <c>time</c> that jobs can read
/// (<see cref="RecordTime"/>), and none of the fields a record has written twice. Jobs check the rest (value types, ranges) and count what they reject,
/// but for a structured record's number that no line can hold (<see cref="Check(Record)"/>).
/// </summary>
internal static class LineCheck
{
    /// <summary>
    /// Null when the line is fine; otherwise the reason and detail. A time that
    /// <paramref name="future"/> refuses (too far ahead of the clock) is <c>invalid_time</c> too.
    /// </summary>
    public static (string Reason, string Detail)? Check(ReadOnlySpan<byte> line, FutureLimit.FutureBound future = default)
    {
        var reader = new Utf8JsonReader(line);
        int found = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ("malformed_json", "a record is a JSON object");
            }

            int seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = reader.ValueTextEquals("assetId"u8) ? 1 : reader.ValueTextEquals("modelId"u8) ? 2 : reader.ValueTextEquals("pointId"u8) ? 4 : reader.ValueTextEquals("time"u8) ? 8 : 0;
                int known = field != 0 ? field : reader.ValueTextEquals("value"u8) ? 16 : reader.ValueTextEquals("quality"u8) ? 32 : reader.ValueTextEquals("attr"u8) ? 64 : 0;
                if ((seen & known) != 0)
                {
                    // Every job refuses such a line (NdjsonRecordReader): which value it means is anyone's guess.
                    return ("malformed_json", $"the field \"{reader.GetString()}\" appears twice");
                }

                seen |= known;
                reader.Read();
                if (field is 1 or 2 or 4 && reader.TokenType != JsonTokenType.String)
                {
                    return ("invalid_field", "assetId, modelId and pointId are strings");
                }

                if (field is 1 or 2 or 4 && !IsText(ref reader))
                {
                    // Jobs decode ids and would reject the record as malformed: refuse it here.
                    string name = field == 1 ? "assetId" : field == 2 ? "modelId" : "pointId";
                    return ("malformed_json", $"{name} is not valid UTF-8 or escapes half of a surrogate pair");
                }

                if (field == 1 && (reader.HasValueSequence ? reader.ValueSequence.IsEmpty : reader.ValueSpan.IsEmpty))
                {
                    return ("invalid_field", "assetId is empty");
                }

                if (field == 8 && TimeRefusal(ref reader, future) is { } problem)
                {
                    return ("invalid_time", problem);
                }

                found |= field;
                reader.Skip();
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return ("malformed_json", "one JSON object a line");
            }
        }
        catch (JsonException e)
        {
            return ("malformed_json", $"not valid JSON {JsonProblem.Describe(e)}");
        }
        catch (InvalidOperationException)
        {
            // The reader decodes a string only when it is read as text: a field name (ValueTextEquals)
            // or a time string; either throws on invalid UTF-8 or an escaped half of a surrogate pair.
            return ("malformed_json", "a string is not valid UTF-8 or escapes half of a surrogate pair");
        }

        return found == 15 ? null : ("missing_field", MissingFields(found));
    }

    /// <summary>The fields a record needs that the line lacks, named as the jobs' reader names one.</summary>
    private static string MissingFields(int found)
    {
        string[] missing = [.. new[] { "assetId", "modelId", "pointId", "time" }.Where((_, i) => (found & (1 << i)) == 0).Select(name => $"\"{name}\"")];
        return missing.Length == 1
            ? $"the field {missing[0]} is missing"
            : $"the fields {string.Join(", ", missing[..^1])} and {missing[^1]} are missing";
    }

    /// <summary>
    /// Null when a structured record (gRPC) has an NDJSON line, which then passes <see cref="Check(ReadOnlySpan{byte})"/>;
    /// otherwise the reason and detail. A number value that is NaN or infinite (also inside an object
    /// or a list value) has none: JSON has no
    /// such number, so the record cannot enter a channel, and no point's type takes it (a double is a
    /// finite number), so it is refused before any other check, as <c>wrong_value_type</c>, the
    /// reason the jobs give a number beyond a double (<c>1e400</c>).
    /// </summary>
    public static (string Reason, string Detail)? Check(Record record)
    {
        if (NotFinite(record.Value) is { } number)
        {
            return ("wrong_value_type", $"the value {number.ToString(CultureInfo.InvariantCulture)} of point \"{record.PointId}\" is not a finite number");
        }

        return null;
    }

    /// <summary>The first number that is NaN or infinite in a value, also inside an object or a list (which go in as JSON).</summary>
    private static double? NotFinite(Google.Protobuf.WellKnownTypes.Value? value) => value?.KindCase switch
    {
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue when !double.IsFinite(value.NumberValue) => value.NumberValue,
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StructValue => value.StructValue.Fields.Values.Select(NotFinite).FirstOrDefault(n => n is not null),
        Google.Protobuf.WellKnownTypes.Value.KindOneofCase.ListValue => value.ListValue.Values.Select(NotFinite).FirstOrDefault(n => n is not null),
        _ => null,
    };

    /// <summary>What is wrong with the time at the reader's current token, in the jobs' reader's words when they refuse it too; null when nothing is.</summary>
    private static string? TimeRefusal(ref Utf8JsonReader reader, FutureLimit.FutureBound future)
    {
        TimeProblem problem = RecordTime.Read(ref reader, out long time);
        return problem != TimeProblem.None ? RecordTime.Describe(problem, ref reader)
            : future.Refuses(time) ? future.Describe(time)
            : null;
    }

    /// <summary>Whether the current string token decodes to text, as the jobs' reader decodes it.</summary>
    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
