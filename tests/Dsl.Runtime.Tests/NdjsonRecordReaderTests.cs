using System.Text;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests;

public sealed class NdjsonRecordReaderTests
{
    private const string Prefix = "{\"assetId\":\"d1\",\"modelId\":\"Device\",";

    [Fact]
    public void A_valid_record_becomes_an_input_record_with_resolved_slots()
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":1767225600000,\"value\":21.5,\"quality\":2}}");

        InputRecord record = Assert.Single(job.Received);
        Assert.Equal(RecordingJob.Temperature, record.Point);
        Assert.Equal("d1", session.Assets.Id(record.Asset));
        Assert.Equal(1767225600000, record.Time);
        Assert.Equal(21.5, record.Value);
        Assert.Equal(2, record.Quality);
        Assert.True(record.IsValid);
        Assert.Equal(1, session.Counters[Counter.RecordsRead]);
    }

    [Theory]
    [InlineData("Counter", "1.0", 1)]
    [InlineData("Counter", "1e2", 100)]
    [InlineData("Counter", "-3.000", -3)]
    [InlineData("Mode", "2E1", 20)]
    [InlineData("Counter", "1.5e1", 15)]
    [InlineData("Counter", "100e-2", 1)]
    [InlineData("Counter", "12.50E+1", 125)]
    [InlineData("Counter", "-0.0e-7", 0)]
    [InlineData("Counter", "-9223372036854775808.0", -9223372036854775808d)]
    [InlineData("Counter", "9.223372036854775807e18", 9223372036854775807d)]
    [InlineData("Counter", "0e400", 0)]
    public void A_whole_number_written_with_a_fraction_or_an_exponent_is_an_integer(string point, string written, double expected)
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"{point}\",\"time\":1,\"value\":{written}}}");

        Assert.Equal(expected, Assert.Single(job.Received).Value);
        Assert.Equal(0, session.Counters[Counter.Errors]);
    }

    /// <summary>A number whose double rounds to a whole one is not an integer unless it is written as one.</summary>
    [Theory]
    [InlineData("Counter", "1e-400", "an integer")]
    [InlineData("Counter", "1.0000000000000001", "an integer")]
    [InlineData("Counter", "25e-1", "an integer")]
    [InlineData("Mode", "0.1e-99999999999", "a 32-bit integer")]
    public void A_number_that_only_rounds_to_a_whole_one_is_not_an_integer(string point, string written, string type)
    {
        var (job, session, log) = Run($"{Prefix}\"pointId\":\"{point}\",\"time\":1,\"value\":{written}}}");

        Assert.Empty(job.Received);
        Assert.Equal(1, session.Counters[RecordError.WrongValueType]);
        Assert.Equal($"line 1: wrong_value_type: the value of point \"{point}\" must be {type}", log.Split('\n')[0]);
    }

    [Fact]
    public void A_time_that_only_rounds_to_a_whole_millisecond_is_not_whole()
    {
        var (job, session, log) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":1767225600000.0000001,\"value\":1}}");

        Assert.Empty(job.Received);
        Assert.Equal(1, session.Counters[RecordError.InvalidTime]);
        Assert.Contains("\"time\" 1767225600000.0000001 is not a whole number of epoch milliseconds", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Counter", "1e19", "the value 1e19 of point \"Counter\" is out of the range of a 64-bit integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("Mode", "3e9", "the value 3e9 of point \"Mode\" is out of the range of a 32-bit integer (-2147483648 to 2147483647)")]
    [InlineData("Counter", "9.223372036854775808e18", "the value 9.223372036854775808e18 of point \"Counter\" is out of the range of a 64-bit integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("Counter", "-9223372036854775809.0", "the value -9223372036854775809.0 of point \"Counter\" is out of the range of a 64-bit integer (-9223372036854775808 to 9223372036854775807)")]
    public void A_whole_number_beyond_its_integer_type_is_out_of_its_range_however_written(string point, string written, string detail)
    {
        var (_, session, log) = Run($"{Prefix}\"pointId\":\"{point}\",\"time\":1,\"value\":{written}}}");

        Assert.Equal(1, session.Counters[RecordError.WrongValueType]);
        Assert.Equal($"line 1: wrong_value_type: {detail}", log.Split('\n')[0]);
    }

    /// <summary>A job's output read back from the channel: its <c>attr.calMode</c> tells a correction from a first result.</summary>
    [Theory]
    [InlineData(",\"attr\":{\"job\":\"tens\",\"version\":\"3\",\"calMode\":\"update\"}", true)]
    [InlineData(",\"attr\":{\"calMode\":\"update\",\"nested\":{\"calMode\":\"ontime\"}}", true)]
    [InlineData(",\"attr\":{\"job\":\"tens\",\"calMode\":\"ontime\"}", false)]
    [InlineData(",\"attr\":{\"calMode\":\"Update\"}", false)]
    [InlineData(",\"attr\":{\"calMode\":2}", false)]
    [InlineData(",\"attr\":\"update\"", false)]
    [InlineData(",\"attr\":[\"calMode\",\"update\"]", false)]
    [InlineData("", false)]
    public void An_update_in_attr_marks_the_record_as_a_correction(string attr, bool correction)
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":1767225600000,\"value\":21.5{attr}}}");

        InputRecord record = Assert.Single(job.Received);
        Assert.Equal(correction, record.IsCorrection);
        Assert.Equal(21.5, record.Value);
        Assert.Equal(0, session.Counters[Counter.Errors]);
    }

    [Theory]
    [InlineData("\"2026-01-01T00:00:00Z\"", 1767225600000)]
    [InlineData("\"2026-01-01T01:00:00+01:00\"", 1767225600000)]
    [InlineData("\"2026-01-01T00:00:00.250\"", 1767225600250)]
    [InlineData("1.7672256e12", 1767225600000)]
    public void Time_may_be_epoch_milliseconds_or_an_ISO_8601_string_read_as_UTC_without_offset(string time, long expected)
    {
        var (job, _, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":{time},\"value\":1}}");

        Assert.Equal(expected, Assert.Single(job.Received).Time);
    }

    [Theory]
    [InlineData("\"20260101T000000Z\"", 1767225600000)]
    [InlineData("\"20260101T010000+0100\"", 1767225600000)]
    [InlineData("\"20260101T053000+05\"", 1767227400000)]
    [InlineData("\"20260101T000000.250\"", 1767225600250)]
    [InlineData("\"20260101T103000,5Z\"", 1767263400500)]
    [InlineData("\"20260101T1030Z\"", 1767263400000)]
    [InlineData("\"20260101\"", 1767225600000)]
    public void Time_may_be_an_ISO_8601_string_in_the_basic_format_without_separators(string time, long expected)
    {
        var (job, _, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":{time},\"value\":1}}");

        Assert.Equal(expected, Assert.Single(job.Received).Time);
    }

    [Theory]
    [InlineData("\"20261301T000000Z\"")]
    [InlineData("\"20260101T250000Z\"")]
    [InlineData("\"20260101T000000+2500\"")]
    [InlineData("\"20260101T0000001Z\"")]
    [InlineData("\"20260101T00Z\"")]
    [InlineData("\"2026010\"")]
    [InlineData("\"1767225600000\"")]
    [InlineData("\" 2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T00:00:00Z \"")]
    [InlineData("\"2026-01-01T00:00:00Z\\n\"")]
    [InlineData("\"20260101T000000Z \"")]
    public void A_string_that_is_neither_ISO_8601_format_is_an_invalid_time(string time)
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":{time},\"value\":1}}");

        Assert.Empty(job.Received);
        Assert.Equal(1, session.Counters[RecordError.InvalidTime]);
    }

    [Fact]
    public void Values_are_read_as_the_declared_point_type_requires()
    {
        var (job, _, _) = Run(
            $"{Prefix}\"pointId\":\"Counter\",\"time\":1,\"value\":9007199254740993}}",
            $"{Prefix}\"pointId\":\"Mode\",\"time\":1,\"value\":3}}",
            $"{Prefix}\"pointId\":\"Running\",\"time\":1,\"value\":true}}",
            $"{Prefix}\"pointId\":\"Label\",\"time\":1,\"value\":\"caf\\u00e9\"}}");

        Assert.Equal(4, job.Received.Count);
        Assert.Equal(3, job.Received[1].Value);
        Assert.Equal(1, job.Received[2].Value);
        Assert.Equal("café", job.Received[3].Text);
    }

    [Fact]
    public void Unknown_fields_are_ignored_even_when_nested()
    {
        var (job, session, _) = Run($"{Prefix}\"extra\":{{\"a\":[1,{{\"b\":2}}]}},\"pointId\":\"Temperature\",\"tags\":[\"x\"],\"time\":5,\"value\":1}}");

        Assert.Single(job.Received);
        Assert.Equal(0, session.Counters[Counter.Errors]);
    }

    [Fact]
    public void Records_of_models_or_points_the_job_does_not_read_are_counted_ignored()
    {
        var (job, session, log) = Run(
            "{\"assetId\":\"d1\",\"modelId\":\"Other\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}",
            $"{Prefix}\"pointId\":\"Pressure\",\"time\":1,\"value\":1}}",
            $"{Prefix}\"pointId\":\"Summary\",\"time\":1,\"value\":1}}",
            $"{Prefix}\"pointId\":\"Pressure\",\"time\":\"not a time\"}}");

        Assert.Empty(job.Received);
        Assert.Equal(4, session.Counters[Counter.Ignored]);
        Assert.Equal(0, session.Counters[Counter.Errors]);
        Assert.Equal(string.Empty, log);
    }

    /// <summary>Which of two values a record means is anyone's guess: a field given twice refuses the line.</summary>
    [Theory]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1,\"value\":4,\"value\":5}", "value")]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1,\"time\":2,\"value\":4}", "time")]
    [InlineData(Prefix + "\"assetId\":\"d2\",\"pointId\":\"Temperature\",\"time\":1,\"value\":4}", "assetId")]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1,\"value\":4,\"quality\":1,\"qu\\u0061lity\":2}", "quality")]
    public void A_field_given_twice_is_malformed(string line, string field)
    {
        string good = $"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}";
        var (job, session, log) = Run(line, good);

        Assert.Equal(1, Assert.Single(job.Received).Value);
        Assert.Equal(1, session.Counters[RecordError.MalformedJson]);
        Assert.Equal($"line 1: malformed_json: the field \"{field}\" appears twice", log.Split('\n')[0]);
    }

    [Fact]
    public void Fields_of_other_systems_may_repeat_and_names_differing_in_case_are_other_fields()
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"site\":1,\"site\":2,\"Value\":9,\"time\":1,\"value\":4}}");

        Assert.Equal(4, Assert.Single(job.Received).Value);
        Assert.Equal(0, session.Counters[Counter.Errors]);
    }

    [Theory]
    [InlineData("{\"assetId\":\"d1\",", RecordError.MalformedJson)]
    [InlineData("[1,2]", RecordError.MalformedJson)]
    [InlineData("{\"assetId\":\"d1\"} {}", RecordError.MalformedJson)]
    [InlineData("not json", RecordError.MalformedJson)]
    [InlineData("{\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}", RecordError.MissingField)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"value\":1}", RecordError.MissingField)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1}", RecordError.MissingField)]
    [InlineData("{\"assetId\":7,\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}", RecordError.InvalidField)]
    [InlineData("{\"assetId\":\"\",\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}", RecordError.InvalidField)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":\"yesterday\",\"value\":1}", RecordError.InvalidTime)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":true,\"value\":1}", RecordError.InvalidTime)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1.5,\"value\":1}", RecordError.InvalidTime)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1,\"value\":\"21\"}", RecordError.WrongValueType)]
    [InlineData(Prefix + "\"pointId\":\"Temperature\",\"time\":1,\"value\":null}", RecordError.WrongValueType)]
    [InlineData(Prefix + "\"pointId\":\"Counter\",\"time\":1,\"value\":1.5}", RecordError.WrongValueType)]
    [InlineData(Prefix + "\"pointId\":\"Mode\",\"time\":1,\"value\":3000000000}", RecordError.WrongValueType)]
    [InlineData(Prefix + "\"pointId\":\"Running\",\"time\":1,\"value\":1}", RecordError.WrongValueType)]
    [InlineData(Prefix + "\"pointId\":\"Label\",\"time\":1,\"value\":{\"a\":1}}", RecordError.WrongValueType)]
    public void A_bad_line_is_counted_by_reason_logged_with_its_line_number_and_processing_goes_on(string bad, RecordError reason)
    {
        string good = $"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}";
        var (job, session, log) = Run(good, bad, good);

        Assert.Equal(2, job.Received.Count);
        Assert.Equal(1, session.Counters[reason]);
        Assert.Equal(1, session.Counters[Counter.Errors]);
        Assert.Equal(3, session.Counters[Counter.RecordsRead]);
        Assert.StartsWith($"line 2: {RunCounters.Name(reason)}: ", log, StringComparison.Ordinal);
        Assert.Contains(bad, log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A number that does not fit (a double's range, a point's integer type, the years of a time) is
    /// still a number: its error names it as written and the range it missed.
    /// </summary>
    [Theory]
    [InlineData("\"pointId\":\"Temperature\",\"time\":1,\"value\":1e400", RecordError.WrongValueType,
        "the value 1e400 of point \"Temperature\" is out of the range of a double (at most ±1.7976931348623157E+308)")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":1,\"value\":-2e308", RecordError.WrongValueType,
        "the value -2e308 of point \"Temperature\" is out of the range of a double (at most ±1.7976931348623157E+308)")]
    [InlineData("\"pointId\":\"Counter\",\"time\":1,\"value\":99999999999999999999", RecordError.WrongValueType,
        "the value 99999999999999999999 of point \"Counter\" is out of the range of a 64-bit integer (-9223372036854775808 to 9223372036854775807)")]
    [InlineData("\"pointId\":\"Mode\",\"time\":1,\"value\":3000000000", RecordError.WrongValueType,
        "the value 3000000000 of point \"Mode\" is out of the range of a 32-bit integer (-2147483648 to 2147483647)")]
    [InlineData("\"pointId\":\"Counter\",\"time\":1,\"value\":1.5", RecordError.WrongValueType,
        "the value of point \"Counter\" must be an integer")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":1e400,\"value\":1", RecordError.InvalidTime,
        "\"time\" 1e400 is out of range: times lie in the years 2 to 9998 UTC (epoch milliseconds -62104060800000 to 253370764799999)")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":253370764800000,\"value\":1", RecordError.InvalidTime,
        "\"time\" 253370764800000 is out of range: times lie in the years 2 to 9998 UTC (epoch milliseconds -62104060800000 to 253370764799999)")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":\"9999-01-01T00:00:00Z\",\"value\":1", RecordError.InvalidTime,
        "\"time\" \"9999-01-01T00:00:00Z\" is out of range: times lie in the years 2 to 9998 UTC (epoch milliseconds -62104060800000 to 253370764799999)")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":1.5,\"value\":1", RecordError.InvalidTime,
        "\"time\" 1.5 is not a whole number of epoch milliseconds")]
    [InlineData("\"pointId\":\"Temperature\",\"time\":\"yesterday\",\"value\":1", RecordError.InvalidTime,
        "\"time\" must be epoch milliseconds or an ISO-8601 date-time")]
    public void A_number_out_of_range_is_reported_as_out_of_range_with_the_range(string fields, RecordError reason, string detail)
    {
        var (_, session, log) = Run($"{Prefix}{fields}}}");

        Assert.Equal(1, session.Counters[reason]);
        Assert.Equal($"line 1: {RunCounters.Name(reason)}: {detail}", log.Split('\n')[0]);
    }

    [Theory]
    [InlineData("{\"assetId\":\"d\u00ff1\",\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}")]
    [InlineData("{\"assetId\":\"d1\",\"modelId\":\"Dev\u00c3ice\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}")]
    [InlineData("{\"assetId\":\"d1\",\"modelId\":\"Device\",\"pointId\":\"Label\",\"time\":1,\"value\":\"\u00e2\u0082\"}")]
    [InlineData("{\"assetId\":\"d1\",\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":\"2026\u00ff\",\"value\":1}")]
    [InlineData("{\"assetId\":\"d\\ud800\",\"modelId\":\"Device\",\"pointId\":\"Temperature\",\"time\":1,\"value\":1}")]
    public void A_string_that_is_not_valid_UTF_8_or_UTF_16_is_a_malformed_line_and_processing_goes_on(string latin1)
    {
        // Each char of the argument is one byte of the line, so it can hold bytes that are not UTF-8.
        byte[] bad = Encoding.Latin1.GetBytes(latin1);
        byte[] good = Encoding.UTF8.GetBytes($"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}");
        byte[] input = [.. good, (byte)'\n', .. bad, (byte)'\n', .. good, (byte)'\n'];

        var (job, session, log) = RunBytes(input);

        Assert.Equal(2, job.Received.Count);
        Assert.Equal(1, session.Counters[RecordError.MalformedJson]);
        Assert.StartsWith("line 2: malformed_json: a string is not valid UTF-8", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// The reader's own position ("LineNumber: 0 | BytePositionInLine: 77") counts from 0 and calls
    /// every line 0; the detail says where on the input's line the JSON breaks, counted from 1.
    /// </summary>
    [Fact]
    public void Invalid_JSON_is_described_with_the_column_where_it_breaks_not_the_readers_position()
    {
        var (_, _, log) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}", $"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1x}}");

        string first = log.Split('\n')[0];
        Assert.StartsWith("line 2: malformed_json: not valid JSON at column 78: ", first, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", first, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_first_few_errors_of_a_reason_are_written_in_full()
    {
        string bad = $"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":\"x\"}}";
        var (_, session, log) = Run(Enumerable.Repeat(bad, 9).ToArray());

        Assert.Equal(9, session.Counters[RecordError.WrongValueType]);
        string[] lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Equal("line 6: wrong_value_type: further wrong_value_type errors are counted only", lines[^1]);
    }

    [Fact]
    public void Blank_lines_and_CRLF_endings_are_accepted_and_line_numbers_count_every_line()
    {
        string good = $"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}";
        var (job, _, log) = RunText($"{good}\r\n\r\n   \n{{\"broken\"\r\n{good}");

        Assert.Equal(2, job.Received.Count);
        Assert.StartsWith("line 4: malformed_json", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_of_the_input_is_not_part_of_the_first_record()
    {
        byte[] good = Encoding.UTF8.GetBytes($"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}");
        byte[] input = [0xEF, 0xBB, 0xBF, .. good, (byte)'\n', .. good];

        var (job, session, log) = RunBytes(input);

        Assert.Equal(2, job.Received.Count);
        Assert.Equal(0, session.Counters[Counter.Errors]);
        Assert.Equal("", log);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)'\n', (byte)'b' }, "a|b")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "")]
    [InlineData(new byte[] { 0xEF, 0xBB, (byte)'\n', (byte)'b' }, "\u00EF\u00BB|b")]
    [InlineData(new byte[] { 0xEF }, "\u00EF")]
    public void The_line_reader_drops_only_a_whole_byte_order_mark_at_the_start_also_when_it_arrives_a_byte_at_a_time(byte[] input, string expected)
    {
        var reader = new Sources.Utf8LineReader(new OneByteAtATimeStream(input));
        var lines = new List<string>();
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
            lines.Add(Encoding.Latin1.GetString(line));

        Assert.Equal(expected, string.Join('|', lines));
        Assert.Equal(input.Length, reader.Offset);
    }

    [Fact]
    public void A_byte_order_mark_further_on_is_a_malformed_line()
    {
        byte[] good = Encoding.UTF8.GetBytes($"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":1}}");
        byte[] input = [.. good, (byte)'\n', 0xEF, 0xBB, 0xBF, .. good];

        var (job, session, log) = RunBytes(input);

        Assert.Single(job.Received);
        Assert.Equal(1, session.Counters[RecordError.MalformedJson]);
        Assert.StartsWith("line 2: malformed_json", log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_outside_the_points_range_is_read_but_marked_invalid_and_counted()
    {
        var (job, session, _) = Run($"{Prefix}\"pointId\":\"Temperature\",\"time\":1,\"value\":151}}");

        Assert.False(Assert.Single(job.Received).IsValid);
        Assert.Equal(1, session.Counters[Counter.Invalid]);
    }

    private static (RecordingJob Job, JobSession Session, string Log) Run(params string[] lines) =>
        RunText(string.Join('\n', lines) + "\n");

    private static (RecordingJob Job, JobSession Session, string Log) RunText(string text) => RunBytes(Encoding.UTF8.GetBytes(text));

    private static (RecordingJob Job, JobSession Session, string Log) RunBytes(byte[] input)
    {
        var job = new RecordingJob();
        var log = new StringWriter { NewLine = "\n" };
        var session = new JobSession(job, new CollectingSink(), new JobSessionOptions(ErrorLog: log));
        session.ProcessInput(new MemoryStream(input));
        session.Complete();
        return (job, session, log.ToString());
    }

    private sealed class OneByteAtATimeStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
