using System.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Tests.HandWrittenJobs;

namespace Dsl.Runtime.Tests;

public sealed class NdjsonOutputSinkTests
{
    [Fact]
    public void Outputs_are_EnOS_records_with_job_version_and_calMode()
    {
        string line = Write(new OutputRecord(0, OracleModel.FirstAggregateOutput, 1767225600000, 1523.4, null, CalMode.Update));

        Assert.Equal(
            "{\"assetId\":\"WTG-0001\",\"modelId\":\"Turbine\",\"pointId\":\"Agg0\",\"time\":1767225600000,\"value\":1523.4,\"quality\":0,\"attr\":{\"job\":\"oracle\",\"version\":\"0000000\",\"calMode\":\"update\"}}\n",
            line);
    }

    [Theory]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-0.0001234, "-0.0001234")]
    [InlineData(3.0, "3")]
    public void Doubles_are_written_in_round_trip_form_whatever_the_culture(double value, string expected)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            string line = Write(new OutputRecord(0, OracleModel.FirstAggregateOutput, 0, value, null, CalMode.Ontime));
            Assert.Contains($"\"value\":{expected},", line, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Values_are_written_in_the_output_points_type()
    {
        var manifest = RecordingJob.StaticManifest;
        var points = new PointTable(manifest);
        var assets = new AssetTable(manifest, points);
        assets.GetOrAdd("d1", 0);
        var stream = new MemoryStream();
        var sink = new NdjsonOutputSink(stream, manifest, points, assets);
        sink.Write(new OutputRecord(0, RecordingJob.Counter, 0, 42, null, CalMode.Ontime));
        sink.Write(new OutputRecord(0, RecordingJob.Running, 0, 1, null, CalMode.Ontime));
        sink.Write(new OutputRecord(0, RecordingJob.Label, 0, 0, "a \"b\"", CalMode.Ontime));
        sink.Flush();

        string[] lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("\"value\":42,", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"value\":true,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"value\":\"a \\u0022b\\u0022\",", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_number_JSON_cannot_hold_is_refused_rather_than_written(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(new OutputRecord(0, OracleModel.FirstAggregateOutput, 0, value, null, CalMode.Ontime)));
    }

    [Fact]
    public void Ids_that_need_escaping_are_escaped_as_JSON()
    {
        const string hostile = "WTG \"7\" \\ \u00e9\u0001</script>";
        var points = new PointTable(OracleModel.Manifest);
        var assets = new AssetTable(OracleModel.Manifest, points);
        assets.GetOrAdd(hostile, 0);
        var stream = new MemoryStream();
        var sink = new NdjsonOutputSink(stream, OracleModel.Manifest, points, assets);
        sink.Write(new OutputRecord(0, OracleModel.FirstAggregateOutput, 5, 1.5, null, CalMode.Ontime));
        sink.Flush();

        using var line = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        Assert.Equal(hostile, line.RootElement.GetProperty("assetId").GetString());
        Assert.Equal(1.5, line.RootElement.GetProperty("value").GetDouble());
        Assert.Equal("ontime", line.RootElement.GetProperty("attr").GetProperty("calMode").GetString());
        Assert.DoesNotContain("</script>", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    private static string Write(OutputRecord record)
    {
        var points = new PointTable(OracleModel.Manifest);
        var assets = new AssetTable(OracleModel.Manifest, points);
        assets.GetOrAdd("WTG-0001", 0);
        var stream = new MemoryStream();
        var sink = new NdjsonOutputSink(stream, OracleModel.Manifest, points, assets);
        sink.Write(record);
        sink.Flush();
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
