using System.Globalization;
using System.Text.Json.Nodes;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>Scheduled offline jobs run at their times and record each run.</summary>
public sealed class ScheduleTests
{
    [Fact]
    public async Task OnFileAndEverySchedulesRunOnInboxData()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/onfile.stream", TestJobs.Doubler("onfile", "offline") + "\nschedule on file \"inbox/meters-*.jsonl\"\n");
        workspace.Write("jobs/periodic.stream", TestJobs.Doubler("periodic", "offline") + "\nschedule every 1s\n");
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("onfile");
        await daemon.WaitReleasedAsync("periodic");
        var started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "onfile", "periodic" } });
        Assert.All(started.Transitions, t => Assert.Equal(JobStatus.Running, t.Current));

        daemon.DeliverToInbox("meters-1.jsonl", TestJobs.Lines(0, 3));

        string[] onFile = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("onfile", "offline")), o => o.Length >= 3, "the on-file run's outputs");
        Assert.Equal(3, onFile.Length);
        string[] periodic = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("periodic", "offline")), o => o.Length >= 3, "a periodic run's outputs");
        Assert.Equal(3, periodic.Length);
        Assert.True(File.Exists(Path.Combine(daemon.Data, "inbox", "done", "meters-1.jsonl")));

        GetJobResponse details = await Eventually.WaitAsync(
            () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "onfile" }),
            d => d.Job.Schedule?.LastRunStatus == JobStatus.Stopped,
            "the on-file run to be recorded as finished");
        Assert.Equal("on file \"inbox/meters-*.jsonl\"", details.Job.Schedule.Expression);

        // A run's counters and checkpoint are the job's metrics (and what its alarms count), as a running job's are.
        JobMetrics onFileMetrics = (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "onfile" } })).Jobs.Single();
        Assert.Equal(3UL, onFileMetrics.Counters.RecordsIn);
        Assert.Equal(3UL, onFileMetrics.Counters.RecordsOut);
        Assert.NotNull(onFileMetrics.Checkpoint.CompletedAt);
        GetJobResponse every = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "periodic" });
        Assert.Equal("every 1s", every.Job.Schedule.Expression);
        Assert.NotNull(every.Job.Schedule.NextRun);

        // More data: the periodic job's next run reads only what is new.
        daemon.DeliverToInbox("other.jsonl", TestJobs.Lines(3, 5));
        periodic = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("periodic", "offline")), o => o.Length >= 5, "the next periodic run's outputs", describe: () => File.ReadAllText(Path.Combine(daemon.Data, "jobs.json")));
        Assert.Equal(5, periodic.Length);
        Assert.Equal(5, periodic.Distinct().Count());

        // The counters add up over the runs: 3 outputs of the first, 2 of the next.
        JobCounters counters = await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "periodic" } })).Jobs.Single().Counters,
            c => c.RecordsOut >= 5,
            "the runs' counters");
        Assert.Equal(5UL, counters.RecordsOut);
    }

    /// <summary>
    /// Each run flushes the windows still open, and the next run goes on with them: an hour that two
    /// runs read has a result after each, the last one counting the records of both.
    /// </summary>
    [Fact]
    public async Task AWindowThatTwoRunsReadCountsTheRecordsOfBoth()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "hourly", """
            job hourly
            settings { channel offline }
            model Meter {
              ai Power: double kW
              ai Samples
            }
            aggregate Meter window tumbling 1h { Samples = count(Power) }
            schedule on file "inbox/meters-*.jsonl"
            """);
        string Records(int from, int to) => string.Concat(Enumerable.Range(from, to - from).Select(i =>
            $"{{\"assetId\":\"m1\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":\"2026-11-18T09:{i:D2}:00Z\",\"value\":1}}\n"));

        foreach ((string file, int from, int to, int outputs) in new[] { ("meters-1.jsonl", 0, 10, 1), ("meters-2.jsonl", 10, 15, 2) })
        {
            daemon.DeliverToInbox(file, Records(from, to));
            await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("hourly", "offline")), o => o.Length >= outputs, $"the output of the run on {file}");
        }

        string[] samples = daemon.Outputs("hourly", "offline");
        Assert.Equal(2, samples.Length);
        Assert.Equal([10d, 15d], samples.Select(line => JsonNode.Parse(line)!["value"]!.GetValue<double>()));
    }

    /// <summary>
    /// A run that <c>jobs.json</c> still has running when the daemon starts was cut off by a crash:
    /// it is recorded as failed, and the job runs again at once, not at its next time.
    /// </summary>
    [Fact]
    public async Task ARunCutOffByACrashIsRecordedAsFailedAndRunAgainAtTheStart()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            var workspace = new Workspace(temp.Combine("ws"));
            await first.ReleaseAndStartAsync(workspace, "nightly", TestJobs.Doubler("nightly", "offline") + "\nschedule daily at 02:00\n");
        }

        // What a crash during a run leaves: the run recorded as running, never ended.
        string jobsFile = Path.Combine(data, "jobs.json");
        var jobs = JsonNode.Parse(File.ReadAllText(jobsFile))!.AsArray();
        JsonNode record = jobs.Single(j => (string?)j!["Name"] == "nightly")!;
        DateTimeOffset started = DateTimeOffset.UtcNow;
        record["Runs"] = new JsonArray(new JsonObject { ["Started"] = started.ToString("O"), ["Trigger"] = "daily at 02:00", ["Status"] = "Running" });
        File.WriteAllText(jobsFile, jobs.ToJsonString());

        await using var second = await TestDaemon.StartAsync(data);
        JsonArray runs = await Eventually.WaitAsync(
            () => Task.FromResult(JsonNode.Parse(File.ReadAllText(jobsFile))!.AsArray().Single(j => (string?)j!["Name"] == "nightly")!["Runs"]!.AsArray()),
            r => r.Count == 2 && (string?)r[1]!["Status"] == "Stopped",
            "the run again");

        Assert.Equal(("Failed", "cut off: the daemon ended during the run"), ((string?)runs[0]!["Status"], (string?)runs[0]!["Error"]));
        Assert.StartsWith("again: the run of ", (string?)runs[1]!["Trigger"], StringComparison.Ordinal);
        // The next run is the schedule's next time after the run again: the cut-off run is not made up twice.
        DateTime again = DateTimeOffset.Parse((string)runs[1]!["Started"]!, CultureInfo.InvariantCulture).UtcDateTime;
        DateTime twoOClock = again.Date.AddHours(2) > again ? again.Date.AddHours(2) : again.Date.AddDays(1).AddHours(2);
        GetJobResponse details = await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "nightly" });
        Assert.Equal(twoOClock, details.Job.Schedule.NextRun.ToDateTime());
    }

    /// <summary>
    /// A run again that was cut off too (a run that brings the daemon down, say) is not run again
    /// at once a second time: the schedule's next time tries it.
    /// </summary>
    [Fact]
    public void ARunAgainThatWasCutOffToWaitsForTheScheduledTime()
    {
        var schedule = new Compiler.Binding.BoundSchedule(Compiler.Binding.ScheduleKind.Daily, null, new TimeOnly(2, 0), null);
        var armed = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
        Dsl.Daemon.Jobs.JobRecord Record(string trigger) => new()
        {
            Name = "nightly",
            Armed = armed,
            Runs = [new Dsl.Daemon.Schedules.ScheduledRun { Started = now.AddMinutes(-5), Trigger = trigger, Status = JobStatus.Failed, CutOff = true }],
        };

        Assert.Equal(now, Dsl.Daemon.Jobs.JobRegistry.NextRun(Record("daily at 02:00"), schedule, now));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero), Dsl.Daemon.Jobs.JobRegistry.NextRun(Record("again: the run of 2026-11-24 14:00:00Z was cut off"), schedule, now));
    }

    /// <summary>A start after a pause arms the job anew: its next run counts from the start, as the schedule does.</summary>
    [Fact]
    public void TheNextRunAfterAStartCountsFromTheStartNotFromARunBeforeIt()
    {
        var schedule = new Compiler.Binding.BoundSchedule(Compiler.Binding.ScheduleKind.Every, new Compiler.Binding.Duration(1, Compiler.Syntax.DurationUnit.Minutes, false), null, null);
        var ranAt = new DateTimeOffset(2026, 11, 24, 14, 21, 12, TimeSpan.Zero);
        var record = new Dsl.Daemon.Jobs.JobRecord { Name = "every", Armed = ranAt.AddSeconds(33), Runs = [new Dsl.Daemon.Schedules.ScheduledRun { Started = ranAt, Status = JobStatus.Stopped }] };

        Assert.Equal(ranAt.AddSeconds(33 + 60), Dsl.Daemon.Jobs.JobRegistry.NextRun(record, schedule, ranAt.AddSeconds(40)));
    }

    /// <summary>
    /// A pause waits for the job's run to end, keeping its work, but not holding back the other
    /// jobs: another job starts while it waits.
    /// </summary>
    [Fact]
    public async Task APauseThatWaitsForARunDoesNotHoldBackAnotherJobsStart()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await ReleaseSlowBesideAsync(daemon, workspace, "other");
        await BeginSlowRunAsync(daemon);

        Task<JobTransitionsResponse> pause = daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "slow" } });
        await Task.Delay(200);
        JobTransitionsResponse started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "other" } });

        Assert.False(pause.IsCompleted, "the other job started only once the pause had ended (or the run was too short to tell)");
        Assert.Equal(JobStatus.Running, Assert.Single(started.Transitions).Current);
        Assert.Equal(JobStatus.Paused, Assert.Single((await pause).Transitions).Current);
        GetJobResponse slow = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "slow" });
        Assert.Equal(JobStatus.Stopped, slow.Job.Schedule.LastRunStatus);
    }

    /// <summary>
    /// A pause waits for the run in progress only: a file arriving meanwhile starts no run, so files
    /// arriving without a break cannot keep the pause waiting. Its records are read by the job's
    /// next run, as those of a file arriving while the job is paused.
    /// </summary>
    [Fact]
    public async Task APauseWaitsForTheRunInProgressNotForRunsOfFilesArrivingMeanwhile()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "slow", SlowJob);
        await BeginSlowRunAsync(daemon);

        Task<JobTransitionsResponse> pause = daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "slow" } });
        await Task.Delay(200);
        Assert.False(pause.IsCompleted, "the run was too short to tell");
        daemon.DeliverToInbox("meters-2.jsonl", MeterRecords(1_700_010_000_000L, 3));

        Assert.Equal(JobStatus.Paused, Assert.Single((await pause).Transitions).Current);
        Assert.Equal([("Stopped", 2000L)], Runs(daemon, "slow"));

        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "slow" } });
        daemon.DeliverToInbox("meters-3.jsonl", MeterRecords(1_700_020_000_000L, 2));
        await Eventually.WaitAsync(() => Task.FromResult(Runs(daemon, "slow")), runs => runs is [_, ("Stopped", _)], "the run of the file after the start");
        Assert.Equal([("Stopped", 2000L), ("Stopped", 5L)], Runs(daemon, "slow"));
    }

    /// <summary>
    /// A new version of a job in a run waits for the run, keeping its work, as a pause does, and
    /// likewise does not hold back the other jobs meanwhile.
    /// </summary>
    [Fact]
    public async Task ANewVersionThatWaitsForARunDoesNotHoldBackAnotherJobsStart()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await ReleaseSlowBesideAsync(daemon, workspace, "other");
        // A run long enough to outlast the push of the new version.
        await BeginSlowRunAsync(daemon, records: 20_000);

        workspace.Write("jobs/slow.stream", SlowJob + "\n// the second version\n");
        workspace.Release(daemon.Data);
        // Time for the daemon to build the new version and wait for the run with it.
        await Task.Delay(3000);
        JobTransitionsResponse started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "other" } });
        GetJobResponse during = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "slow" });

        Assert.Equal(JobStatus.Running, Assert.Single(started.Transitions).Current);
        Assert.True(during.Job.Schedule.LastRunStatus == JobStatus.Running, "the other job started only once the run had ended (or the run was too short to tell)");
        Assert.Equal(1u, (await daemon.StatusAsync("slow"))?.Version);
        await daemon.WaitReleasedAsync("slow", version: 2);
        Assert.Equal([("Stopped", 20_000L)], Runs(daemon, "slow"));
    }

    /// <summary>
    /// A release that changes one job deploys it at once while another, unchanged job is in a run:
    /// only a new version of the job itself waits for its run.
    /// </summary>
    [Fact]
    public async Task AReleaseChangingAnotherJobDoesNotWaitForAnUnchangedJobsRun()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        // After "slow" in the release's order, so that its deployment comes second.
        await ReleaseSlowBesideAsync(daemon, workspace, "zeta");
        await BeginSlowRunAsync(daemon, records: 20_000);

        workspace.Write("jobs/zeta.stream", TestJobs.Doubler("zeta", "offline") + "\nschedule every 2h\n");
        workspace.Release(daemon.Data);
        await daemon.WaitReleasedAsync("zeta", version: 2);
        GetJobResponse slow = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "slow" });

        Assert.True(slow.Job.Schedule.LastRunStatus == JobStatus.Running, "the other job's version came only once the run had ended (or the run was too short to tell)");
    }

    /// <summary>
    /// A pause whose call ends while it waits for the run (its deadline passed) changes nothing:
    /// the caller was told it failed, so the job must not be paused behind its back once the run ends.
    /// </summary>
    [Fact]
    public async Task APauseWhoseCallEndedWhileItWaitedForTheRunPausesNothing()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "slow", SlowJob);
        await BeginSlowRunAsync(daemon);

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(
            JobsApi.Pause, new PauseJobsRequest { Names = { "slow" } }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(300))));
        Assert.Equal(StatusCode.DeadlineExceeded, error.Status);
        await Eventually.WaitAsync(() => Task.FromResult(Runs(daemon, "slow")), runs => runs is [("Stopped", _)], "the run to end");
        await Task.Delay(500);

        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("slow"))?.Status);
    }

    // Each record is in 3,600 windows: a run of 2,000 records takes seconds.
    private const string SlowJob = """
        job slow
        settings { channel offline }
        model Meter {
          ai Power: double kW
          ai Samples
        }
        aggregate Meter window hopping 1h step 1s { Samples = count(Power) }
        schedule on file "inbox/meters-*.jsonl"
        """;

    /// <summary>Releases and starts <see cref="SlowJob"/>, and releases a scheduled job named <paramref name="other"/> beside it (not started).</summary>
    private static async Task ReleaseSlowBesideAsync(TestDaemon daemon, Workspace workspace, string other)
    {
        await daemon.ReleaseAndStartAsync(workspace, "slow", SlowJob);
        await daemon.ReleaseAsync(workspace, other, TestJobs.Doubler(other, "offline") + "\nschedule every 1h\n");
    }

    /// <summary>Delivers records (2,000 unless told) for <see cref="SlowJob"/> and waits for the run they start to begin.</summary>
    private static Task BeginSlowRunAsync(TestDaemon daemon, int records = 2000)
    {
        daemon.DeliverToInbox("meters-1.jsonl", MeterRecords(1_700_000_000_000L, records));
        return Eventually.WaitAsync(
            () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "slow" }),
            d => d.Job.Schedule?.LastRunStatus == JobStatus.Running,
            "the run to begin");
    }

    /// <summary><paramref name="count"/> power readings of meter m1, a second apart from <paramref name="from"/>.</summary>
    private static string MeterRecords(long from, int count) => string.Concat(Enumerable.Range(0, count).Select(i =>
        $"{{\"assetId\":\"m1\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{from + (i * 1000L)},\"value\":1}}\n"));

    /// <summary>The job's runs as jobs.json records them: status and records read.</summary>
    private static (string?, long)[] Runs(TestDaemon daemon, string job) =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(daemon.Data, "jobs.json")))!.AsArray()
            .Single(j => (string?)j!["Name"] == job)!["Runs"]!.AsArray().Select(run => ((string?)run!["Status"], (long)run["Records"]!))];

    /// <summary>
    /// Retention keeps what an armed job's next run reads: from its start until its first run,
    /// then from where its last run stopped reading, however long until the next run.
    /// </summary>
    [Fact]
    public async Task RetentionKeepsWhatAnArmedJobsNextRunReads()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "nightly", TestJobs.Doubler("nightly", "offline") + "\nschedule on file \"inbox/meters-*.jsonl\"\n");
        var registry = (Dsl.Daemon.Jobs.JobRegistry)daemon.Daemon.Releases;
        var offline = daemon.Daemon.Channels.Offline;
        long armedAt = offline.CommittedTail;

        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3), "offline");
        long ingested = offline.CommittedTail;
        Assert.True(ingested > armedAt);
        Assert.Equal(armedAt, registry.OldestNeeded(offline));

        daemon.DeliverToInbox("meters-1.jsonl", TestJobs.Lines(3, 5));
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("nightly", "offline")), o => o.Length >= 5, "the run's outputs");
        // The run read past the records ingested before it (up to the file's, and the tail then).
        long readTo = await Eventually.WaitAsync(() => Task.FromResult(registry.OldestNeeded(offline)), oldest => oldest > ingested, "the run's end to be what retention keeps");

        await daemon.IngestHttpAsync(TestJobs.Lines(5, 8), "offline");
        Assert.True(offline.CommittedTail > readTo);
        Assert.Equal(readTo, registry.OldestNeeded(offline));
    }

    /// <summary>
    /// A stop throws away the state a run would commit, so it does not wait for the run in progress
    /// (all of a backlog, maybe, holding every other lifecycle change meanwhile): the run is cut off
    /// and recorded as such.
    /// </summary>
    [Fact]
    public async Task AStopCutsOffTheRunInProgress()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "batch", TestJobs.Doubler("batch", "offline") + "\nschedule on file \"inbox/meters-*.jsonl\"\n");

        // Enough records that the run is still reading them when the stop comes.
        const int Records = 1_000_000;
        daemon.DeliverToInbox("meters-1.jsonl", TestJobs.Lines(0, Records));
        await Eventually.WaitAsync(
            () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" }),
            d => d.Job.Schedule?.LastRunStatus == JobStatus.Running,
            "the run to begin");
        JobTransitionsResponse stopped = await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "batch" } });

        Assert.Equal(JobStatus.Stopped, Assert.Single(stopped.Transitions).Current);
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(daemon.Data, "jobs.json")))!.AsArray().Single(j => (string?)j!["Name"] == "batch")!;
        JsonNode run = record["Runs"]!.AsArray().Last()!;
        Assert.Equal(("Failed", "cancelled: the job was stopped"), ((string?)run["Status"], (string?)run["Error"]));
        Assert.True((long)run["Records"]! < Records, run.ToJsonString());
    }
}
