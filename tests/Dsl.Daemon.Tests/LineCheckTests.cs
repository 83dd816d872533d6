using System.Text;
using Dsl.Daemon.Ingest;

namespace Dsl.Daemon.Tests;

/// <summary>The structural check of an ingested line: a bad line gets a reason and never an exception.</summary>
public sealed class LineCheckTests
{
    private const string Good = "{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"value\":1}";

    [Fact]
    public void A_record_with_the_four_fields_passes() => Assert.Null(LineCheck.Check(Encoding.UTF8.GetBytes(Good)));

    /// <summary>Every time the jobs read passes; the same definition decides both.</summary>
    [Theory]
    [InlineData("1767225600000")]
    [InlineData("1.7672256e12")]
    [InlineData("\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T01:00:00+01:00\"")]
    [InlineData("\"2026-01-01T00:00:00\"")]
    [InlineData("\"\\u0032026-01-01T00:00:00Z\"")]
    [InlineData("253370764799999")]
    [InlineData("-62104060800000")]
    public void A_time_jobs_read_passes(string time) =>
        Assert.Null(LineCheck.Check(Encoding.UTF8.GetBytes($"{{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":{time}}}")));

    [Theory]
    [InlineData("{broken", "malformed_json")]
    [InlineData("[1]", "malformed_json")]
    [InlineData("{\"\\ud800\":1," + "\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "malformed_json")]
    [InlineData("{\"ti\\udc00me\":1}", "malformed_json")]
    [InlineData("{\"assetId\":1,\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "invalid_field")]
    [InlineData("{\"assetId\":\"\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "invalid_field")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":true}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":\"yesterday\"}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":\"2026-13-45\"}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1.5}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":253370764800000}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":-62104060800001}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":{\"ms\":1}}", "invalid_time")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\"}", "missing_field")]
    // Every job refuses a field a record has twice: which one it means is anyone's guess.
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"time\":2}", "malformed_json")]
    [InlineData("{\"assetId\":\"a\",\"assetId\":\"b\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1}", "malformed_json")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"value\":1,\"value\":2}", "malformed_json")]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"attr\":{},\"quality\":0,\"attr\":{}}", "malformed_json")]
    public void A_bad_line_gets_its_reason(string line, string reason)
    {
        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes(line));

        Assert.Equal(reason, Assert.NotNull(problem).Reason);
    }

    /// <summary>A field given twice is named in the jobs' words; a field of another name may repeat, as jobs ignore it.</summary>
    [Fact]
    public void A_field_given_twice_is_named()
    {
        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"time\":2}"));

        Assert.Equal(("malformed_json", "the field \"time\" appears twice"), Assert.NotNull(problem));
        Assert.Null(LineCheck.Check(Encoding.UTF8.GetBytes("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":1,\"note\":1,\"note\":2}")));
    }

    /// <summary>A line without a field a record needs names the fields it lacks, as the jobs' reader names one.</summary>
    [Theory]
    [InlineData("{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\"}", "the field \"time\" is missing")]
    [InlineData("{\"assetId\":\"a\",\"time\":1}", "the fields \"modelId\" and \"pointId\" are missing")]
    [InlineData("{\"value\":1}", "the fields \"assetId\", \"modelId\", \"pointId\" and \"time\" are missing")]
    public void A_line_without_a_field_names_it(string line, string detail) =>
        Assert.Equal(("missing_field", detail), LineCheck.Check(Encoding.UTF8.GetBytes(line)));

    /// <summary>An ingest refusal says where on the line the JSON breaks, counted from 1, not the reader's zero-based position.</summary>
    [Fact]
    public void Invalid_JSON_is_described_with_the_column_where_it_breaks()
    {
        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes("{\"assetId\":\"a\",x}"));

        Assert.Equal("malformed_json", Assert.NotNull(problem).Reason);
        Assert.StartsWith("not valid JSON at column 16: ", problem.Value.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Value.Detail, StringComparison.Ordinal);
    }

    /// <summary>A time that is a number but out of range is refused as such, in the words the jobs' reader uses.</summary>
    [Theory]
    [InlineData("1e400", "\"time\" 1e400 is out of range: times lie in the years 2 to 9998 UTC (epoch milliseconds -62104060800000 to 253370764799999)")]
    [InlineData("\"9999-01-01T00:00:00Z\"", "\"time\" \"9999-01-01T00:00:00Z\" is out of range: times lie in the years 2 to 9998 UTC (epoch milliseconds -62104060800000 to 253370764799999)")]
    [InlineData("1.5", "\"time\" 1.5 is not a whole number of epoch milliseconds")]
    public void A_time_out_of_range_says_so_and_gives_the_range(string time, string detail)
    {
        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes($"{{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":{time}}}"));

        Assert.Equal(("invalid_time", detail), problem);
    }

    /// <summary>An id that jobs cannot decode is refused at the door, naming the field.</summary>
    [Theory]
    [InlineData("assetId", "\\ud800")]
    [InlineData("modelId", "M\\udfff")]
    [InlineData("pointId", "\\udc00\\ud800")]
    public void An_id_escaping_half_of_a_surrogate_pair_is_malformed(string field, string escaped)
    {
        string line = Good.Replace($"\"{field}\":\"", $"\"{field}\":\"{escaped}", StringComparison.Ordinal);

        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes(line));

        Assert.Equal(("malformed_json", $"{field} is not valid UTF-8 or escapes half of a surrogate pair"), problem);
    }

    [Theory]
    [InlineData("assetId")]
    [InlineData("pointId")]
    public void An_id_of_invalid_utf8_is_malformed(string field)
    {
        byte[] good = Encoding.UTF8.GetBytes(Good);
        int at = Encoding.UTF8.GetBytes(Good[..(Good.IndexOf($"\"{field}\":\"", StringComparison.Ordinal) + field.Length + 4)]).Length;
        byte[] line = [.. good[..at], 0xC3, 0x28, .. good[at..]];

        (string Reason, string Detail)? problem = LineCheck.Check(line);

        Assert.Equal(("malformed_json", $"{field} is not valid UTF-8 or escapes half of a surrogate pair"), problem);
    }

    [Fact]
    public void A_time_string_escaping_half_of_a_surrogate_pair_is_malformed_without_blaming_a_field_name()
    {
        string line = Good.Replace("\"time\":1", "\"time\":\"2026\\ud800\"", StringComparison.Ordinal);

        (string Reason, string Detail)? problem = LineCheck.Check(Encoding.UTF8.GetBytes(line));

        Assert.NotNull(problem);
        Assert.DoesNotContain("field name", problem.Value.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escaped_id_that_decodes_passes() =>
        Assert.Null(LineCheck.Check(Encoding.UTF8.GetBytes(Good.Replace("\"assetId\":\"a\"", "\"assetId\":\"\\u00e9\\ud83d\\ude00\"", StringComparison.Ordinal))));

    /// <summary>A structured record has a line unless its number is one JSON cannot hold.</summary>
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1.5, null)]
    [InlineData(double.MaxValue, null)]
    public void A_structured_record_whose_number_is_not_finite_is_a_wrong_value(double value, string? written)
    {
        var record = new Control.V1.Record { AssetId = "a", ModelId = "M", PointId = "P", Time = 1, Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(value) };

        (string Reason, string Detail)? problem = LineCheck.Check(record);

        Assert.Equal(written is null ? null : ("wrong_value_type", $"the value {written} of point \"P\" is not a finite number"), problem);
    }

    /// <summary>
    /// A time too far ahead of the clock (a device clock that jumped) is refused as invalid_time,
    /// the detail naming the time, how far ahead it is, the clock and the limit; up to the limit it
    /// passes, and without one (the default bound) so does the last time jobs can read.
    /// </summary>
    [Theory]
    [InlineData("1767225600000", null)]
    [InlineData("1767312000000", null)]
    [InlineData("1767312000001", "\"time\" 2026-01-02T00:00:00.001Z is 24 hours")]
    [InlineData("\"2026-01-01T02:30:00+00:00\"", null)]
    [InlineData("\"2026-01-03T00:00:00Z\"", "\"time\" 2026-01-03T00:00:00.000Z is 2 days")]
    [InlineData("\"2099-01-01T00:00:00Z\"", "\"time\" 2099-01-01T00:00:00.000Z is 26,663 days")]
    [InlineData("253370764799999", "\"time\" 9998-12-31T23:59:59.999Z is 2,912,077 days")]
    public void A_time_further_ahead_of_the_clock_than_the_limit_is_refused(string time, string? start)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        FutureLimit.FutureBound bound = new FutureLimit(TimeSpan.FromHours(24), clock).Now();
        byte[] line = Encoding.UTF8.GetBytes($"{{\"assetId\":\"a\",\"modelId\":\"M\",\"pointId\":\"P\",\"time\":{time}}}");

        (string Reason, string Detail)? problem = LineCheck.Check(line, bound);

        if (start is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Equal("invalid_time", Assert.NotNull(problem).Reason);
            Assert.Equal(start + " ahead of the daemon's clock (2026-01-01T00:00:00.000Z); records may be at most 24 hours ahead (dsl serve --max-future-hours)", problem.Value.Detail);
        }

        Assert.Null(LineCheck.Check(line, FutureLimit.None.Now()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
