using System.Text.Json;
using Dsl.Runtime.Sources;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// The check an ingested line passes before it enters a channel: a JSON object with the string
/// fields <c>assetId</c>, <c>modelId</c>, <c>pointId</c> and a <c>time</c> that jobs can read
/// (<see cref="RecordTime"/>). Jobs check the rest (value types, ranges) and count what they reject.
/// </summary>
internal static class LineCheck
{
    /// <summary>Null when the line is fine; otherwise the reason and detail.</summary>
    public static (string Reason, string Detail)? Check(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        int found = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return ("malformed_json", "a record is a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int field = reader.ValueTextEquals("assetId"u8) ? 1 : reader.ValueTextEquals("modelId"u8) ? 2 : reader.ValueTextEquals("pointId"u8) ? 4 : reader.ValueTextEquals("time"u8) ? 8 : 0;
                reader.Read();
                if (field is 1 or 2 or 4 && reader.TokenType != JsonTokenType.String)
                {
                    return ("invalid_field", "assetId, modelId and pointId are strings");
                }

                if (field == 8 && !RecordTime.TryRead(ref reader, out _))
                {
                    return ("invalid_time", "time is epoch milliseconds or an ISO-8601 string");
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
            return ("malformed_json", e.Message);
        }
        catch (InvalidOperationException)
        {
            // ValueTextEquals unescapes a field name and throws on an escaped half of a surrogate pair.
            return ("malformed_json", "a field name escapes half of a surrogate pair");
        }

        return found == 15 ? null : ("missing_field", "a record needs assetId, modelId, pointId and time");
    }
}
