using System.Text;
using System.Text.Json;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.HandWrittenJobs;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests;

/// <summary>The generated-style job end to end: NDJSON in, chained rules, NDJSON out.</summary>
public sealed class TurbineJobTests
{
    private static readonly long T0 = At("2026-01-05T00:00:00Z");

    [Fact]
    public void The_runner_reads_ndjson_runs_every_rule_and_writes_enos_records()
    {
        var input = new StringBuilder();
        for (int minute = 0; minute < 30; minute += 2)
        {
            long t = T0 + (minute * Minute);
            input.AppendLine(Line("ReactivePower", t, 400));
            input.AppendLine(Line("ActivePower", t, 300 + minute));
            input.AppendLine(Line("EnergyMeter", t, 1000 + minute));
        }

        var output = new MemoryStream();
        RunCounters counters = JobRunner.Run(new TurbineKpisJob(), new MemoryStream(Encoding.UTF8.GetBytes(input.ToString())), output);

        var records = Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.Equal(45, counters[Counter.RecordsRead]);
        Assert.Equal(records.Count, counters[Counter.Outputs]);
        Assert.All(records, r =>
        {
            Assert.Equal("WTG-1", r.GetProperty("assetId").GetString());
            Assert.Equal("WindTurbine", r.GetProperty("modelId").GetString());
            Assert.Equal("turbine_kpis", r.GetProperty("attr").GetProperty("job").GetString());
            Assert.Equal("3f2a9c1", r.GetProperty("attr").GetProperty("version").GetString());
        });

        double Value(string point, long time) =>
            records.Single(r => r.GetProperty("pointId").GetString() == point && r.GetProperty("time").GetInt64() == time).GetProperty("value").GetDouble();

        Assert.Equal(500, Value("ApparentPower", T0));
        Assert.Equal(0.1, Value("LoadFactor", T0), 12);
        Assert.Equal(5, Value("Samples10m", T0));
        Assert.Equal(304, Value("ActivePowerAvg10m", T0));
        Assert.Equal(Math.Sqrt((308 * 308) + (400 * 400)), Value("ApparentPowerMax10m", T0), 9);
        Assert.Equal(28, Value("DailyEnergy", At("2026-01-04T23:00:00Z")));
        Assert.Equal(14, Value("Energy15m", T0));
    }

    private static string Line(string point, long time, double value) =>
        $"{{\"assetId\":\"WTG-1\",\"modelId\":\"WindTurbine\",\"pointId\":\"{point}\",\"time\":{time},\"value\":{value}}}";
}
