using Google.Protobuf;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>
/// <c>DATA/assets.json</c>: the asset master data of the daemon's jobs (the format of
/// <c>dsl run --assets</c>), read at each start of a job and each preview.
/// </summary>
public sealed class AssetMasterDataTests
{
    /// <summary>An attribute without a default: only the master data gives an asset a value for it.</summary>
    private const string Scaled = """
        job scaled "scales power"

        model Meter {
          attribute Scale: double
          ai Power: double kW
          ai Scaled kW
        }

        merge Meter on Power {
          Scaled = Power * Scale
        }
        """;

    private const string Daily = """
        job daily "daily sums"

        settings {
          timezone "UTC"
        }

        model Meter {
          ai Power: double kW
          ai DailyPower kW
        }

        aggregate Meter window tumbling 1d {
          DailyPower = sum(Power)
        }
        """;

    // Records of m0, m1 and m2 with the values 0.5, 1.5 and 2.5 (TestJobs.Line).
    private const string Scales = """[{"assetId":"m0","attributes":{"Scale":10}},{"assetId":"m1","modelId":"Meter","attributes":{"Scale":3}}]""";

    [Fact]
    public async Task AReleasedJobComputesWithTheAttributeValuesOfTheAssetsFile()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        File.WriteAllText(Path.Combine(daemon.Data, "assets.json"), Scales);
        await ReleaseAsync(daemon, temp, "scaled", Scaled);

        await Start(daemon, "scaled", JobStatus.Running);
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));

        // m2 has no value for Scale and Scale no default: it is skipped.
        await Eventually.WaitAsync(() => daemon.CountersAsync("scaled"), c => c.RecordsIn == 3, "the records to be read");
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("scaled")), o => o.Length == 2, "the outputs of m0 and m1");
        Assert.Equal(["m0 5", "m1 4.5"], daemon.Outputs("scaled").Select(AssetAndValue).Order(StringComparer.Ordinal));
        Assert.Equal(1ul, (await daemon.CountersAsync("scaled")).SkippedByReason["skipped_attribute"]);
    }

    [Fact]
    public async Task AnAssetsTimeZoneInTheAssetsFileShiftsTheDailyWindowOfAReleasedJob()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        File.WriteAllText(Path.Combine(daemon.Data, "assets.json"), """[{"assetId":"east","timezone":"Asia/Shanghai"}]""");
        await ReleaseAsync(daemon, temp, "daily", Daily);
        await Start(daemon, "daily", JobStatus.Running);

        // 2023-11-14T20:00Z, then two days later, which closes the day of the first.
        string lines = string.Concat(new[] { ("east", 1_699_992_000_000L), ("west", 1_699_992_000_000L), ("east", 1_700_164_800_000L), ("west", 1_700_164_800_000L) }
            .Select(r => $"{{\"assetId\":\"{r.Item1}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{r.Item2},\"value\":1}}\n"));
        await daemon.IngestHttpAsync(lines);

        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("daily")), o => o.Length >= 2, "the first day's sums");
        var starts = outputs.Take(2).Select(Parse).ToDictionary(o => o.GetProperty("assetId").GetString()!, o => o.GetProperty("time").GetInt64());

        // East's day is Shanghai's (UTC+8): 2023-11-15 from 2023-11-14T16:00Z. West has no zone of its own: the UTC day.
        Assert.Equal(DateTimeOffset.Parse("2023-11-14T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), starts["east"]);
        Assert.Equal(DateTimeOffset.Parse("2023-11-14T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), starts["west"]);
    }

    /// <summary>
    /// A hand edit gone wrong refuses the start of a job, not the daemon, naming the file and where
    /// it is wrong; the job is left as it was, so a paused one resumes with its state once the file is fixed.
    /// </summary>
    [Fact]
    public async Task AStartOnADamagedAssetsFileIsRefusedWithTheFileAndWhereAndThePausedJobKeepsItsState()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string assets = Path.Combine(daemon.Data, "assets.json");
        await ReleaseAsync(daemon, temp, "scaled", Scaled);

        File.WriteAllText(assets, "[\n  {\"assetId\":\"m0\",\n   \"attributes\": {\"Scale\": x}}\n]\n");
        await AssertStartRefusedAsync(daemon, $"{assets}: the asset master data cannot be read: not valid JSON at line 3, column 28: 'x' is an invalid start of a value.");
        Assert.Equal(JobStatus.Released, (await daemon.StatusAsync("scaled"))?.Status);

        File.WriteAllText(assets, Scales);
        await Start(daemon, "scaled", JobStatus.Running);
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
        await Eventually.WaitAsync(() => daemon.CountersAsync("scaled"), c => c.RecordsIn == 3, "the records to be read");
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "scaled" } });

        File.WriteAllText(assets, """[{"assetId":"m0","attributes":{"Scale":"10"}}]""");
        await AssertStartRefusedAsync(daemon, $"{assets}: the asset master data does not suit the job: attribute \"Scale\" of asset \"m0\" is declared double, but the file gives the string \"10\".");
        File.WriteAllText(assets, """[{"assetId":"m0","timezone":"Mars/Olympus_Mons"}]""");
        await AssertStartRefusedAsync(daemon, $"{assets}: the asset master data cannot be read: The time zone \"Mars/Olympus_Mons\" of asset \"m0\" is not known on this machine.");
        // Empty, or a folder in its place: said so, not in the reader's or the system's words.
        File.WriteAllText(assets, "");
        await AssertStartRefusedAsync(daemon, $"{assets}: the asset master data cannot be read: not valid JSON at line 1, column 1: there is no JSON value: the text is empty, or only white space");
        File.Delete(assets);
        Directory.CreateDirectory(assets);
        await AssertStartRefusedAsync(daemon, $"{assets}: the asset master data cannot be read: it is a folder, not a file");
        Directory.Delete(assets);
        Assert.Equal(JobStatus.Paused, (await daemon.StatusAsync("scaled"))?.Status);

        File.WriteAllText(assets, Scales);
        await Start(daemon, "scaled", JobStatus.Running);
        await daemon.IngestHttpAsync(TestJobs.Lines(3, 4));
        JobCounters counters = await Eventually.WaitAsync(() => daemon.CountersAsync("scaled"), c => c.RecordsIn == 4, "the record after the resume");
        Assert.Equal(2ul, counters.SkippedByReason["skipped_attribute"]);
    }

    /// <summary>
    /// A running job that the daemon resumes at its start, with nobody to refuse a start to, fails
    /// as one whose state cannot be opened does: the reason in its status, its error log and the
    /// daemon's log. Its state is kept: once the file is mended, a start resumes it from its checkpoint.
    /// </summary>
    [Fact]
    public async Task AJobResumedAtTheDaemonsStartFailsOnADamagedAssetsFileAndAStartResumesIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string assets = Path.Combine(data, "assets.json");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await ReleaseAsync(first, temp, "scaled", Scaled);
            await Start(first, "scaled", JobStatus.Running);
            await first.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => first.CountersAsync("scaled"), c => c.RecordsIn == 3, "the records to be read");
        }

        File.WriteAllText(assets, "[{\"assetId\":\"m0\",\"timezone\":3}]");
        var log = new RecordingLogger();
        await using var second = await TestDaemon.StartAsync(data, log: log);
        string reason = $"{assets}: the asset master data cannot be read: \"timezone\" of asset master data entry 0 must be a string.";
        JobSummary? failed = await second.StatusAsync("scaled");
        Assert.Equal((JobStatus.Failed, reason), (failed?.Status, failed?.StatusReason));
        ErrorLogEntry failure = Assert.Single((await second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "scaled" })).Entries);
        Assert.Equal(("job_failed", reason), (failure.Reason, failure.Detail));
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Error && l.Message.Contains(reason, StringComparison.Ordinal));

        // Mended, the file lets the job resume where its checkpoint left it: its three records
        // counted, the next one read, none read again.
        File.WriteAllText(assets, Scales);
        await Start(second, "scaled", JobStatus.Running);
        await second.IngestHttpAsync(TestJobs.Lines(3, 4));
        JobCounters counters = await Eventually.WaitAsync(() => second.CountersAsync("scaled"), c => c.RecordsIn >= 4, "the record after the resume");
        Assert.Equal(4ul, counters.RecordsIn);
    }

    /// <summary>
    /// A failed job holds what the channel has since its checkpoint for the maximum pause, as a
    /// paused one does, so that a start once the file is mended reads it. After that the hold ends;
    /// when retention has dropped records the job never read, a start fails it with DSL5005 instead
    /// of going on past them as if they had been read.
    /// </summary>
    [Fact]
    public async Task AFailedJobHoldsTheChannelForTheMaximumPauseAndAStartPastRecordsDroppedSinceFailsIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string assets = Path.Combine(data, "assets.json");
        TimeSpan maxPause = TimeSpan.FromSeconds(2);
        await using (var first = await TestDaemon.StartAsync(data, configure: o => o with { MaxPause = maxPause }))
        {
            await ReleaseAsync(first, temp, "scaled", Scaled);
            await Start(first, "scaled", JobStatus.Running);
            await first.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => first.CountersAsync("scaled"), c => c.RecordsIn == 3, "the records to be read");
        }

        File.WriteAllText(assets, "[{\"assetId\":\"m0\",\"timezone\":3}]");
        await using var second = await TestDaemon.StartAsync(data, configure: o => o with { MaxPause = maxPause });
        Assert.Equal(JobStatus.Failed, (await second.StatusAsync("scaled"))?.Status);
        var registry = (Dsl.Daemon.Jobs.JobRegistry)second.Daemon.Releases;
        var channel = second.Daemon.Channels.Realtime;
        await second.IngestHttpAsync(TestJobs.Lines(3, 6));

        Assert.True(registry.OldestNeeded(channel) < channel.CommittedTail, "the failed job holds the records it has not read");
        await Task.Delay(maxPause + TimeSpan.FromSeconds(0.5));
        Assert.Equal(channel.CommittedTail, registry.OldestNeeded(channel));

        // What the retention loop does once nothing holds the channel.
        channel.TruncateUntil(channel.CommittedTail);
        File.WriteAllText(assets, Scales);
        await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "scaled" } });
        JobSummary? failed = await Eventually.WaitAsync(() => second.StatusAsync("scaled"), s => s?.Status == JobStatus.Failed, "the job to fail on the records it lost");
        string reason = failed?.StatusReason ?? "";
        Assert.Contains("retention has since dropped the entries before address", reason, StringComparison.Ordinal);
        Assert.Equal(3ul, (await second.CountersAsync("scaled")).RecordsIn);
    }

    /// <summary>
    /// The same for a job that failed before its first checkpoint (its output folder could not be
    /// made): its start address is checked as a checkpoint's position is.
    /// </summary>
    [Fact]
    public async Task AJobFailedBeforeItsFirstCheckpointAndStartedPastRecordsDroppedSinceFails()
    {
        using var temp = new TempDirectory();
        TimeSpan maxPause = TimeSpan.FromSeconds(2);
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), configure: o => o with { MaxPause = maxPause });
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAsync(workspace, "doubler", TestJobs.Doubler());
        string blocker = Path.Combine(daemon.Data, "out", "realtime", "doubler");
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        File.WriteAllText(blocker, "a file where the job's output folder goes");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Failed, (await daemon.StatusAsync("doubler"))?.Status);
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));

        await Task.Delay(maxPause + TimeSpan.FromSeconds(0.5));
        var registry = (Dsl.Daemon.Jobs.JobRegistry)daemon.Daemon.Releases;
        var channel = daemon.Daemon.Channels.Realtime;
        Assert.Equal(channel.CommittedTail, registry.OldestNeeded(channel));
        channel.TruncateUntil(channel.CommittedTail);
        File.Delete(blocker);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });

        JobSummary? failed = await Eventually.WaitAsync(() => daemon.StatusAsync("doubler"), s => s?.Status == JobStatus.Failed, "the job to fail on the records it lost");
        Assert.Contains("retention has since dropped the entries before address", failed?.StatusReason ?? "", StringComparison.Ordinal);
    }

    /// <summary>Each run of a scheduled job reads the file: an edit reaches the next run, a damaged file fails it.</summary>
    [Fact]
    public async Task EachScheduledRunReadsTheAssetsFile()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string assets = Path.Combine(daemon.Data, "assets.json");
        File.WriteAllText(assets, Scales);
        string batch = Scaled.Replace("job scaled \"scales power\"\n", "job batch \"scales power\"\n\nsettings {\n  channel offline\n}\n", StringComparison.Ordinal)
            + "\nschedule on file \"inbox/meters-*.jsonl\"\n";
        await ReleaseAsync(daemon, temp, "batch", batch);
        await Start(daemon, "batch", JobStatus.Running);

        daemon.DeliverToInbox("meters-1.jsonl", TestJobs.Lines(0, 3));
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("batch", "offline")), o => o.Length >= 2, "the first run's outputs");
        Assert.Equal(["m0 5", "m1 4.5"], daemon.Outputs("batch", "offline").Select(AssetAndValue).Order(StringComparer.Ordinal));
        await Eventually.WaitAsync(() => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" }), d => d.Job.Schedule?.LastRunStatus == JobStatus.Stopped, "the first run to end");

        File.WriteAllText(assets, "[{\"assetId\":\"m0\"");
        daemon.DeliverToInbox("meters-2.jsonl", TestJobs.Lines(3, 4));
        LogsResponse logs = await Eventually.WaitAsync(
            () => daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "batch" }),
            l => l.Entries.Any(e => e.Reason == "run_failed"),
            "the second run to fail");
        Assert.StartsWith($"{assets}: the asset master data cannot be read: not valid JSON at line 1, column ", logs.Entries.Single(e => e.Reason == "run_failed").Detail, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("batch"))?.Status);
    }

    [Fact]
    public async Task APreviewOfAReleasedJobTakesTheAssetsFile()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string assets = Path.Combine(daemon.Data, "assets.json");
        await ReleaseAsync(daemon, temp, "scaled", Scaled);
        var request = new PreviewRequest { Released = new JobVersionRef { Name = "scaled" }, Ndjson = ByteString.CopyFromUtf8(TestJobs.Lines(0, 3)) };

        PreviewResponse without = await daemon.Client.UnaryAsync(JobsApi.Preview, request);
        Assert.Equal((0, 3ul), (without.Outputs.Count, without.Summary.SkippedAttribute));

        File.WriteAllText(assets, Scales);
        PreviewResponse with = await daemon.Client.UnaryAsync(JobsApi.Preview, request);
        Assert.Equal(["m0 5", "m1 4.5"], with.Outputs.Select(o => $"{o.AssetId} {o.Value.NumberValue}").Order(StringComparer.Ordinal));
        Assert.Equal(1ul, with.Summary.SkippedAttribute);

        // What would fail the job's start fails its preview: outputs the job cannot write would mislead.
        File.WriteAllText(assets, """[{"assetId":"m1","attributes":{"Scale":true}}]""");
        var error = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Preview, request));
        Assert.Equal(
            (StatusCode.FailedPrecondition, $"{assets}: the asset master data does not suit the job: attribute \"Scale\" of asset \"m1\" is declared double, but the file gives the bool true."),
            (error.Status, error.Message));
    }

    private static async Task ReleaseAsync(TestDaemon daemon, TempDirectory temp, string name, string source)
    {
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write($"jobs/{name}.stream", source);
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync(name);
    }

    private static async Task Start(TestDaemon daemon, string job, JobStatus expected)
    {
        JobTransitionsResponse started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { job } });
        Assert.Equal(expected, Assert.Single(started.Transitions).Current);
    }

    private static async Task AssertStartRefusedAsync(TestDaemon daemon, string reason)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "scaled" } }));
        Assert.Equal((StatusCode.FailedPrecondition, $"job 'scaled' cannot start: {reason}"), (refused.Status, refused.Message));
    }

    private static System.Text.Json.JsonElement Parse(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement.Clone();

    private static string AssetAndValue(string line)
    {
        System.Text.Json.JsonElement output = Parse(line);
        return $"{output.GetProperty("assetId").GetString()} {output.GetProperty("value").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
