using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Every example compiled and run as a user would, checked against the figures its README states.
/// Those figures were computed independently by the example's generate.py (plain loops over the
/// records); the READMEs round them, so each comparison allows half a unit of the last digit shown.
/// </summary>
public sealed class ExampleTests(ExampleRuns runs) : IClassFixture<ExampleRuns>
{
    private static long At(string iso) => Rec.Ms(iso);

    private static void Near(double expected, double actual, double halfUnit, string what) =>
        Assert.True(Math.Abs(expected - actual) <= halfUnit + 1e-9, $"{what}: expected {expected} (±{halfUnit}), got {actual}");

    private static OutputLine One(RunResult run, string asset, string point, long time, string calMode = "ontime")
    {
        var matches = run.Outputs.Where(o => o.AssetId == asset && o.PointId == point && o.Time == time && o.CalMode == calMode).ToArray();
        Assert.True(matches.Length == 1, $"{asset}/{point}@{time} {calMode}: {matches.Length} outputs");
        return matches[0];
    }

    private static bool Any(RunResult run, string asset, string point, long time) =>
        run.Outputs.Any(o => o.AssetId == asset && o.PointId == point && o.Time == time);

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Examples, "*.stream", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_example_file_checks_without_any_diagnostic(string file)
    {
        var compilation = Compilation.Create(SourceText.Load(RepoPaths.Combine(file)), FileSystemSourceResolver.Instance);
        Assert.Empty(compilation.GetDiagnostics());
    }

    /// <summary>
    /// The job on README.md's front page is a shorter turbine_kpis: beside the wind farm's
    /// models.stream, which it imports, it compiles as it is shown.
    /// </summary>
    [Fact]
    public void The_README_job_checks_against_the_wind_farm_models()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("```stream\n", StringComparison.Ordinal) + "```stream\n".Length;
        var job = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var path = Path.Combine(RepoPaths.Examples, "wind-farm", "readme_job.stream");

        var compilation = Compilation.Create(SourceText.From(job, path), FileSystemSourceResolver.Instance);

        Assert.Contains("import \"models.stream\"", job, StringComparison.Ordinal);
        Assert.Empty(compilation.GetDiagnostics());
    }

    public static TheoryData<string> ExampleFolders()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepoPaths.Examples).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(folder));
        return data;
    }

    /// <summary>Also the examples added later, whose figures no test states yet: every job of the folder runs on its input.</summary>
    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public void Every_example_folder_runs_each_of_its_jobs_on_its_input(string folder)
    {
        var directory = Path.Combine(RepoPaths.Examples, folder);
        Assert.True(File.Exists(Path.Combine(directory, "input.jsonl")), $"{folder} has no input.jsonl");
        Assert.True(File.Exists(Path.Combine(directory, "README.md")), $"{folder} has no README.md");
        var jobs = Directory.GetFiles(directory, "*.stream").Where(EmitPipelineTests.IsJob).ToArray();
        Assert.NotEmpty(jobs);
        var assetsPath = Path.Combine(directory, "assets.json");
        foreach (var job in jobs)
        {
            using var input = File.OpenRead(Path.Combine(directory, "input.jsonl"));
            var run = JobRun.Run(JobRun.EmitFile(job), input, File.Exists(assetsPath) ? JobRun.Assets(File.ReadAllText(assetsPath)) : null);
            Assert.NotEmpty(run.Outputs);
            Assert.Equal(run.Outputs.Count, run[Counter.Outputs]);
        }
    }

    // ---- wind-farm ---------------------------------------------------------------------------

    [Theory]
    [InlineData("WTG-0001", "2026-01-15T10:00:00+01:00", "ontime", 2257.69, 2319.6, 2171.3, 10, 75.26)]
    [InlineData("WTG-0001", "2026-01-15T10:10:00+01:00", "ontime", 2245.13, 2333.9, 2170.7, 9, 74.84)]
    [InlineData("WTG-0001", "2026-01-15T10:10:00+01:00", "update", 2255.03, 2344.1, 2170.7, 10, 75.17)]
    [InlineData("WTG-0002", "2026-01-15T10:40:00+01:00", "ontime", 1868.47, 1968.9, 1790.7, 9, 62.28)]
    [InlineData("WTG-0002", "2026-01-15T11:00:00+01:00", "ontime", 1997.49, 2068.3, 1873.3, 9, 66.58)]
    [InlineData("WTG-0003", "2026-01-15T10:10:00+01:00", "ontime", 82.50, 108.2, -11.2, 7, 3.30)]
    [InlineData("WTG-0003", "2026-01-15T11:30:00+01:00", "ontime", 75.50, 117.2, -14.4, 5, 3.02)]
    public void Wind_farm_ten_minute_statistics_match_the_README(string asset, string window, string mode, double avg, double max, double min, int samples, double loadFactor)
    {
        var run = runs.WindFarm;
        long t = At(window);
        Near(avg, One(run, asset, "ActivePowerAvg10m", t, mode).Number, 0.005, "avg");
        Near(max, One(run, asset, "ActivePowerMax10m", t, mode).Number, 0.05, "max");
        Near(samples, One(run, asset, "ValidSamples10m", t, mode).Number, 0, "samples");
        Near(min, One(run, asset, "ActivePowerMin10m", t, mode).Number, 0.05, "min");
        // The chained load factor runs on every average, the update included.
        var loadFactors = run.Outputs.Where(o => o.AssetId == asset && o.PointId == "LoadFactor10m" && o.Time == t).ToArray();
        Near(loadFactor, loadFactors[mode == "update" ? 1 : 0].Number, 0.005, "load factor");
    }

    [Fact]
    public void Wind_farm_window_of_an_idle_turbine_has_min_max_and_a_zero_count_but_no_average()
    {
        var run = runs.WindFarm;
        long t = At("2026-01-15T10:00:00+01:00");
        Near(-9.7, One(run, "WTG-0003", "ActivePowerMax10m", t).Number, 0.05, "max");
        Near(-14.9, One(run, "WTG-0003", "ActivePowerMin10m", t).Number, 0.05, "min");
        Assert.Equal(0, One(run, "WTG-0003", "ValidSamples10m", t).Number);
        Assert.False(Any(run, "WTG-0003", "ActivePowerAvg10m", t));
        Assert.False(Any(run, "WTG-0003", "ActivePowerStd10m", t));
        Assert.False(Any(run, "WTG-0003", "LoadFactor10m", t));
    }

    [Fact]
    public void Wind_farm_has_twelve_windows_per_turbine_and_a_sample_standard_deviation()
    {
        var run = runs.WindFarm;
        foreach (var asset in new[] { "WTG-0001", "WTG-0002", "WTG-0003" })
        {
            var windows = run.Outputs.Where(o => o.AssetId == asset && o.PointId == "ValidSamples10m" && o.CalMode == "ontime").Select(o => o.Time).ToArray();
            Assert.Equal(Enumerable.Range(0, 12).Select(i => At("2026-01-15T10:00:00+01:00") + (i * 600_000L)), windows);
        }
        Near(44.77, One(run, "WTG-0001", "ActivePowerStd10m", At("2026-01-15T10:00:00+01:00")).Number, 0.005, "stddev (n - 1)");
    }

    [Fact]
    public void Wind_farm_apparent_power_matches_the_README()
    {
        var run = runs.WindFarm;
        Assert.Equal(120, run.Outputs.Count(o => o.AssetId == "WTG-0001" && o.PointId == "ApparentPower"));
        Assert.Equal(108, run.Outputs.Count(o => o.AssetId == "WTG-0002" && o.PointId == "ApparentPower"));
        Assert.Equal(120, run.Outputs.Count(o => o.AssetId == "WTG-0003" && o.PointId == "ApparentPower"));
        Assert.Equal(2404.8, One(run, "WTG-0001", "ApparentPower", At("2026-01-15T10:00:00+01:00")).Number);
        Assert.Equal(2056.5, One(run, "WTG-0002", "ApparentPower", At("2026-01-15T11:14:00+01:00")).Number);
        for (var minute = 15; minute <= 24; minute++)
            Assert.False(Any(run, "WTG-0002", "ApparentPower", At($"2026-01-15T11:{minute}:00+01:00")));
    }

    [Theory]
    [InlineData("WTG-0001", 1768345200000, 390.3)]
    [InlineData("WTG-0001", 1768431600000, 44336.1)]
    [InlineData("WTG-0001", 1768518000000, 709.9)]
    [InlineData("WTG-0002", 1768345200000, 270.4)]
    [InlineData("WTG-0002", 1768431600000, 34530.8)]
    [InlineData("WTG-0002", 1768518000000, 587.0)]
    [InlineData("WTG-0003", 1768345200000, 85.0)]
    [InlineData("WTG-0003", 1768431600000, 11495.0)]
    [InlineData("WTG-0003", 1768518000000, 250.0)]
    public void Wind_farm_daily_energy_matches_the_README(string asset, long day, double kWh)
    {
        Near(kWh, One(runs.WindFarm, asset, "DailyEnergy", day).Number, 0.05, $"{asset} DailyEnergy");
    }

    [Fact]
    public void Wind_farm_counters_match_the_README()
    {
        var run = runs.WindFarm;
        Assert.Equal(1372, run[Counter.RecordsRead]);
        Assert.Equal(372, run[Counter.Ignored]);
        Assert.Equal(1, run[Counter.Invalid]);
        Assert.Equal(1, run[Counter.Errors]);
        Assert.Equal(1, run.Counters[RecordError.WrongValueType]);
        Assert.Equal(10, run[Counter.SkippedMissing]);
        Assert.Equal(3, run[Counter.DiscardedSteps]);
        Assert.Equal(0, run[Counter.Late]);
        Assert.Contains("wrong_value_type", run.ErrorLog, StringComparison.Ordinal);
    }

    // ---- solar-inverters ---------------------------------------------------------------------

    private const long June20 = 1781884800000;  // 2026-06-20 00:00 Asia/Shanghai
    private const long June21 = 1781971200000;
    private const long June22 = 1782057600000;

    [Theory]
    [InlineData("INV-01", 6.375, 723.392, 76.812)]
    [InlineData("INV-02", 9.167, 699.550, 64.696)]
    [InlineData("INV-03", 0.100, 355.267, 62.558)]
    public void Solar_daily_energy_matches_the_README_and_its_quarter_hours_add_up_to_it(string asset, double june20, double june21, double june22)
    {
        var run = runs.Solar;
        double[] expected = [june20, june21, june22];
        long[] days = [June20, June21, June22];
        for (var i = 0; i < 3; i++)
        {
            var daily = One(run, asset, "DailyEnergy", days[i]).Number;
            Near(expected[i], daily, 0.0005, $"{asset} DailyEnergy day {i}");
            var quarters = run.Outputs.Where(o => o.AssetId == asset && o.PointId == "Energy15m" && o.Time >= days[i] && o.Time < days[i] + 86_400_000L).Sum(o => o.Number);
            Near(daily, quarters, 1e-6, $"{asset} sum of Energy15m on day {i}");
        }
    }

    [Theory]
    [InlineData("INV-01", 13.6, 87.0, 51.3)]
    [InlineData("INV-02", 16.6, 84.2, 46.9)]
    [InlineData("INV-03", 1.0, 45.0, 31.6)]
    public void Solar_daily_peak_is_emitted_once_per_day_as_final(string asset, double june20, double june21, double june22)
    {
        var run = runs.Solar;
        var peaks = run.Outputs.Where(o => o.AssetId == asset && o.PointId == "DailyPeakPower").ToArray();
        Assert.Equal([June20, June21, June22], peaks.Select(p => p.Time));
        Assert.All(peaks, p => Assert.Equal("final", p.CalMode));
        Assert.Equal([june20, june21, june22], peaks.Select(p => p.Number));
    }

    [Theory]
    [InlineData("INV-01", 1781950500000, 12.567)]
    [InlineData("INV-02", 1781950500000, 15.233)]
    [InlineData("INV-03", 1781950500000, 0.567)]
    [InlineData("INV-01", 1782014400000, 85.100)]
    [InlineData("INV-02", 1782014400000, 81.382)]
    [InlineData("INV-01", 1782021600000, 78.640)]
    [InlineData("INV-03", 1782021600000, 20.517)]
    public void Solar_rolling_hour_average_matches_the_README(string asset, long end, double kW)
    {
        Near(kW, One(runs.Solar, asset, "ActivePowerAvg1h", end).Number, 0.0005, $"{asset} ActivePowerAvg1h");
    }

    [Fact]
    public void Solar_has_156_rolling_windows_per_inverter_from_18_15_on_20_June_to_09_00_on_22_June()
    {
        foreach (var asset in new[] { "INV-01", "INV-02", "INV-03" })
        {
            var ends = runs.Solar.Outputs.Where(o => o.AssetId == asset && o.PointId == "ActivePowerAvg1h").Select(o => o.Time).Distinct().Order().ToArray();
            Assert.Equal(156, ends.Length);
            Assert.Equal(1781950500000, ends[0]);
            Assert.Equal(At("2026-06-22T09:00:00+08:00"), ends[^1]);
        }
    }

    // ---- revenue-metering --------------------------------------------------------------------

    private const long Friday = 1772751600000;    // 6 March 2026 00:00 Europe/Madrid
    private const long Saturday = 1772838000000;

    [Theory]
    [InlineData("MTR-1001", 9195, 1895.8560, 4348, 595.6760)]
    [InlineData("MTR-1002", 2579, 609.3190, 700, 101.5000)]
    [InlineData("MTR-1003", 129454, 22334.6690, 49062, 5838.3780)]
    public void Revenue_daily_energy_and_bill_match_the_README(string asset, double fridayKWh, double fridayEur, double saturdayKWh, double saturdayEur)
    {
        var run = runs.Revenue;
        Near(fridayKWh, One(run, asset, "DailyEnergy", Friday).Number, 1e-6, "Friday energy");
        Near(fridayEur, One(run, asset, "DailyEnergyCost", Friday).Number, 0.00005, "Friday cost");
        Near(saturdayKWh, One(run, asset, "DailyEnergy", Saturday).Number, 1e-6, "Saturday energy");
        Near(saturdayEur, One(run, asset, "DailyEnergyCost", Saturday).Number, 0.00005, "Saturday cost");
    }

    [Theory]
    [InlineData("MTR-1001", "2026-03-06T07:45:00+01:00", 112, 15.3440)]
    [InlineData("MTR-1001", "2026-03-06T08:00:00+01:00", 114, 28.2720)]
    [InlineData("MTR-1001", "2026-03-07T09:00:00+01:00", 88, 12.0560)]
    [InlineData("MTR-1002", "2026-03-06T10:00:00+01:00", 41.75, 10.8968)]
    [InlineData("MTR-1002", "2026-03-06T10:15:00+01:00", 41.75, 10.8968)]
    [InlineData("MTR-1002", "2026-03-06T10:30:00+01:00", 41.75, 10.8968)]
    [InlineData("MTR-1002", "2026-03-06T10:45:00+01:00", 41.75, 10.8968)]
    [InlineData("MTR-1003", "2026-03-06T13:30:00+01:00", 1606, 317.9880)]
    public void Revenue_quarter_hours_and_their_tariff_match_the_README(string asset, string quarter, double kWh, double eur)
    {
        var run = runs.Revenue;
        long t = At(quarter);
        Near(kWh, One(run, asset, "Energy15m", t).Number, 1e-6, "Energy15m");
        Near(eur, One(run, asset, "EnergyCost15m", t).Number, 0.00005, "EnergyCost15m");
    }

    [Fact]
    public void Revenue_meter_without_master_data_value_gets_no_output_and_the_counters_match_the_README()
    {
        var run = runs.Revenue;
        Assert.DoesNotContain(run.Outputs, o => o.AssetId == "MTR-1004");
        Assert.Equal(1154, run[Counter.RecordsRead]);
        Assert.Equal(577, run[Counter.Ignored]);
        Assert.Equal(145, run[Counter.SkippedAttribute]);
        Assert.Equal(0, run[Counter.DiscardedSteps]);
        Assert.Equal(0, run[Counter.Late]);
        Assert.Equal(0, run[Counter.Invalid]);
        Assert.Equal(0, run[Counter.Errors]);
    }

    [Fact]
    public void Every_example_output_carries_the_jobs_name_and_version()
    {
        foreach (var (run, job) in new[] { (runs.WindFarm, "turbine_kpis"), (runs.Solar, "inverter_energy"), (runs.Revenue, "revenue_metering") })
        {
            Assert.NotEmpty(run.Outputs);
            Assert.All(run.Outputs, o => Assert.Equal(job, o.Job));
            Assert.All(run.Outputs, o => Assert.Equal(run.Emitted.Plan?.Version, o.Version));
        }
    }
}
