using System.Text.Json;
using Dsl.Runtime.Sources;

namespace Dsl.Benchmarks.EndToEnd;

/// <summary>
/// The input ceiling: split lines and read every token of every record with
/// <see cref="Utf8JsonReader"/>, taking time and value as numbers, doing nothing else.
/// </summary>
public static class ParseOnly
{
    /// <summary>Returns the number of records and a checksum so the work cannot be skipped.</summary>
    public static (long Records, double Checksum) Run(Stream input)
    {
        var lines = new Utf8LineReader(input);
        long records = 0;
        double checksum = 0;
        while (lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            var reader = new Utf8JsonReader(line);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                bool time = reader.ValueTextEquals("time"u8);
                bool value = !time && reader.ValueTextEquals("value"u8);
                reader.Read();
                if (time && reader.TryGetInt64(out long t))
                {
                    checksum += t & 0xFF;
                }
                else if (value && reader.TryGetDouble(out double v))
                {
                    checksum += v;
                }
            }

            records++;
        }

        return (records, checksum);
    }
}
