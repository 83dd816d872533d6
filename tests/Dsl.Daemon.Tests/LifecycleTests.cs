using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>Released → running ⇄ paused, running/paused → stopped, illegal transitions and unknown jobs.</summary>
public sealed class LifecycleTests
{
    /// <summary>A client pointed at the HTTP port instead of the gRPC one is told so, not only that a stream was reset.</summary>
    [Fact]
    public async Task ACallToTheHttpPortSaysItIsNotTheGrpcPort()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        // The HTTP port answers the HTTP/2 preface with GOAWAY (HTTP_1_1_REQUIRED) and closes the
        // connection. Often the close's reset overtakes the GOAWAY and the client is left with a
        // handshake that failed for no reason; the client then asks the address over HTTP/1.1. A
        // channel's first call, as a command's, meets that order more often than later ones.
        for (int call = 0; call < 10; call++)
        {
            using var wrongPort = new ControlChannel(new Dsl.Control.Security.ConnectionSettings(daemon.Daemon.HttpAddress!, daemon.Operator, "test"));
            RpcException error = await Assert.ThrowsAsync<RpcException>(() => wrongPort.UnaryAsync(JobsApi.List, new ListJobsRequest()));

            Assert.Equal(StatusCode.Internal, error.Status);
            Assert.Contains("speaks only HTTP/1.1, not gRPC: is it the daemon's HTTP port?", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A stop commits the outputs of the records the job read since its last checkpoint before it
    /// clears the state: what the job counted as written is in its output files.
    /// </summary>
    [Fact]
    public async Task AStopWritesTheOutputsOfTheRecordsReadSinceTheLastCheckpoint()
    {
        using var temp = new TempDirectory();
        // No checkpoint comes on its own during the test.
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), checkpointInterval: TimeSpan.FromHours(1));
        await daemon.ReleaseAndStartAsync(new Workspace(temp.Combine("ws")), "doubler", TestJobs.Doubler());
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 5));
        await Eventually.WaitAsync(
            async () => (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs.Single().Counters.RecordsOut,
            written => written == 5,
            "the job to process the records");
        Assert.Empty(daemon.Outputs("doubler"));

        await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });

        Assert.Equal(5, daemon.Outputs("doubler").Length);
        Assert.Equal(5UL, (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs.Single().Counters.RecordsOut);
    }

    [Fact]
    public async Task EveryTransitionBehavesAsTheSpecSays()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Write("jobs/other.stream", TestJobs.Doubler("other"));
        workspace.Release(daemon.Data);
        JobSummary? released = await daemon.WaitReleasedAsync("doubler");
        Assert.Equal(JobStatus.Released, released?.Status);
        await daemon.WaitReleasedAsync("other");

        // Only running jobs pause; only running, paused (or failed) jobs stop.
        var pause = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } }));
        Assert.Equal(StatusCode.FailedPrecondition, pause.Status);
        var stop = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } }));
        Assert.Equal(StatusCode.FailedPrecondition, stop.Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "nope" } }));
        Assert.Equal(StatusCode.NotFound, unknown.Status);
        Assert.Equal(JobStatus.Released, (await daemon.StatusAsync("doubler"))?.Status);
        var empty = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest()));
        Assert.Equal(StatusCode.InvalidArgument, empty.Status);

        // Several jobs per call.
        var started = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "other" } });
        Assert.All(started.Transitions, t => Assert.Equal((JobStatus.Released, JobStatus.Running), (t.Previous, t.Current)));
        var again = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Running, again.Transitions[0].Previous);

        // A job named twice is acted on and reported once, where it was first named.
        var twice = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "other", "doubler", "other" } });
        Assert.Equal(["other", "doubler"], twice.Transitions.Select(t => t.Name));

        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler").Length), n => n == 3, "3 outputs");

        // Pause keeps the position: records ingested while paused are read after the start.
        var paused = await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Paused, paused.Transitions[0].Current);
        await daemon.IngestHttpAsync(TestJobs.Lines(3, 5));
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler").Length), n => n == 5, "5 outputs after resuming");

        // Stop clears state and position: records ingested while stopped are never read.
        var stopped = await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        Assert.Equal((JobStatus.Running, JobStatus.Stopped), (stopped.Transitions[0].Previous, stopped.Transitions[0].Current));
        await daemon.IngestHttpAsync(TestJobs.Lines(5, 8));
        var restarted = await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Stopped, restarted.Transitions[0].Previous);
        await daemon.IngestHttpAsync(TestJobs.Lines(8, 9));
        string[] secondRun = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler", run: 2)), n => n.Length >= 1, "an output of the second run");
        Assert.Single(secondRun);
        Assert.Contains("\"assetId\":\"m8\"", secondRun[0]);
        Assert.Equal(5, daemon.Outputs("doubler", run: 1).Length);

        // Paused → stopped is legal too; the other job kept running throughout.
        await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
        await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        Assert.Equal(JobStatus.Stopped, (await daemon.StatusAsync("doubler"))?.Status);
        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("other"))?.Status);
        await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("other").Length), n => n == 9, "9 outputs of the other job");
    }

    [Fact]
    public async Task AnIdleRunningJobWritesNoNewCheckpointAndItsCheckpointAgeStaysCurrent()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using var daemon = await TestDaemon.StartAsync(data, checkpointInterval: TimeSpan.FromMilliseconds(200));
        workspace.Release(data);
        await daemon.WaitReleasedAsync("doubler");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 3 && c.RecordsOut >= 3, "3 records processed");

        // The job reads past its own outputs once a checkpoint has committed them, which moves
        // its position: settled when three intervals go by without a new checkpoint.
        CheckpointInfo written = await CheckpointAsync(daemon, "doubler");
        await Eventually.WaitAsync(
            async () =>
            {
                CheckpointInfo before = written;
                await Task.Delay(TimeSpan.FromMilliseconds(600));
                written = await CheckpointAsync(daemon, "doubler");
                return before.CompletedAt is not null && before.CompletedAt.Equals(written.CompletedAt);
            },
            settled => settled,
            "the checkpoints to settle");

        // Quiet for ten checkpoint intervals: nothing new to write, nothing that would be lost.
        await Task.Delay(TimeSpan.FromSeconds(2));
        CheckpointInfo idle = await CheckpointAsync(daemon, "doubler");
        Assert.Equal(written.CompletedAt, idle.CompletedAt);
        Assert.True(idle.Age.ToTimeSpan() < TimeSpan.FromSeconds(1.5), $"checkpoint age {idle.Age.ToTimeSpan()}");
    }

    /// <summary>
    /// <c>jobs.json</c> holds a running job's latest checkpoint: it is rewritten after each one the
    /// job's worker commits, not only at lifecycle changes.
    /// </summary>
    [Fact]
    public async Task JobsJsonHoldsTheLatestCheckpointOfARunningJob()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        TestDaemon daemon = released.Daemon;
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        DateTimeOffset? previous = null;
        foreach (int batch in new[] { 1, 2 })
        {
            await daemon.IngestHttpAsync(TestJobs.Lines((batch - 1) * 10, batch * 10));
            await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= (ulong)batch * 10, $"batch {batch} read");
            var seen = await Eventually.WaitAsync<(DateTimeOffset? Kept, DateTimeOffset? Latest)>(
                async () => (KeptCheckpoint(daemon.Data, "doubler"), (await CheckpointAsync(daemon, "doubler")).CompletedAt?.ToDateTimeOffset()),
                pair => pair.Kept is not null && (previous is null || pair.Kept > previous) && pair.Kept == pair.Latest,
                $"jobs.json to hold the checkpoint of batch {batch}",
                seconds: 30);
            previous = seen.Kept;
        }

        Assert.Equal(JobStatus.Running, (await daemon.StatusAsync("doubler"))?.Status);
    }

    private static DateTimeOffset? KeptCheckpoint(string data, string job)
    {
        using var jobs = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "jobs.json")));
        System.Text.Json.JsonElement record = jobs.RootElement.EnumerateArray().Single(r => r.GetProperty("Name").GetString() == job);
        return record.GetProperty("LastCheckpoint") is { ValueKind: System.Text.Json.JsonValueKind.Object } checkpoint
            ? checkpoint.GetProperty("CompletedAt").GetDateTimeOffset()
            : null;
    }

    /// <summary>
    /// dsl serve takes a checkpoint interval of up to a hundred years, longer than a timer can wait
    /// (about 49 days); an offline job, which waits out the interval when idle, must run on with it.
    /// </summary>
    [Fact]
    public async Task AnOfflineJobRunsWithACheckpointIntervalLongerThanATimerCanWait()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler(channel: "offline"));
        await using var daemon = await TestDaemon.StartAsync(data, checkpointInterval: TimeSpan.FromDays(60));
        workspace.Release(data);
        await daemon.WaitReleasedAsync("doubler");
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3), "offline");

        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 3, "3 records read");
        JobSummary? status = await daemon.StatusAsync("doubler");
        Assert.Equal((JobStatus.Running, ""), (status?.Status, status?.StatusReason));
    }

    [Fact]
    public async Task APausedJobReportsTheCheckpointItsPauseCommittedWhichStaysCurrentWhenResumedUntilItsWorkerCommitsAnother()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        CheckpointInfo paused;

        // No periodic checkpoint within the test: the pause's is the only one.
        TimeSpan never = TimeSpan.FromHours(1);
        await using (var daemon = await TestDaemon.StartAsync(data, checkpointInterval: never))
        {
            workspace.Release(data);
            await daemon.WaitReleasedAsync("doubler");
            await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
            await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 3, "3 records read");
            Assert.Null((await CheckpointAsync(daemon, "doubler")).CompletedAt);

            await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
            paused = await CheckpointAsync(daemon, "doubler");
            Assert.NotNull(paused.CompletedAt);
            Assert.NotNull(paused.Age);
            Assert.NotNull(paused.Duration);
            Assert.True(paused.SizeBytes > 0);
            Assert.Single(Directory.GetDirectories(Path.Combine(data, "state", "doubler", "checkpoints")));

            // Resumed, the job's state is still the one the pause committed, so that checkpoint is
            // current: its age counts from the resume, not from the pause.
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            // Paused, the job changes nothing: none of its state is unsaved, however old the checkpoint.
            Assert.Equal(TimeSpan.Zero, (await CheckpointAsync(daemon, "doubler")).Age.ToTimeSpan());
            await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
            CheckpointInfo resumed = await CheckpointAsync(daemon, "doubler");
            Assert.Equal(paused.CompletedAt, resumed.CompletedAt);
            Assert.Equal(paused.Duration, resumed.Duration);
            Assert.Equal(paused.SizeBytes, resumed.SizeBytes);
            Assert.True(resumed.Age.ToTimeSpan() < TimeSpan.FromSeconds(1), $"checkpoint age {resumed.Age.ToTimeSpan()}");
            await daemon.IngestHttpAsync(TestJobs.Lines(3, 4));
            await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 4, "the record after the resume");
            CheckpointInfo first = paused;
            await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "doubler" } });
            paused = await CheckpointAsync(daemon, "doubler");
            Assert.True(paused.CompletedAt.ToDateTimeOffset() > first.CompletedAt.ToDateTimeOffset(), "the second pause commits a newer checkpoint");
        }

        // The figures outlive the daemon, as the paused state does; a stop deletes both.
        await using var second = await TestDaemon.StartAsync(data, checkpointInterval: never);
        Assert.Equal(JobStatus.Paused, (await second.StatusAsync("doubler"))?.Status);
        CheckpointInfo restarted = await CheckpointAsync(second, "doubler");
        Assert.Equal(paused.CompletedAt, restarted.CompletedAt);
        Assert.Equal(paused.SizeBytes, restarted.SizeBytes);
        Assert.Equal(TimeSpan.Zero, restarted.Age.ToTimeSpan());
        await second.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        CheckpointInfo stopped = await CheckpointAsync(second, "doubler");
        Assert.Null(stopped.CompletedAt);
        Assert.Equal(0ul, stopped.SizeBytes);
    }

    /// <summary>
    /// The error log goes with the state: a stop deletes its file (what the stopped job logged stays
    /// readable until its next start), and a new run begins with an empty log, as its counters begin at zero.
    /// </summary>
    [Fact]
    public async Task AStopDeletesTheErrorLogWithTheStateAndANewRunBeginsWithAnEmptyLog()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        TestDaemon daemon = released.Daemon;
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        string file = Path.Combine(daemon.Data, "state", "doubler.errors.json");

        await daemon.IngestHttpAsync(TestJobs.BadLines(0, 2));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.Invalid == 2, "both errors counted");
        await Eventually.WaitAsync(() => Task.FromResult(File.Exists(file)), kept => kept, "the error log beside the state");
        await daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        LogsResponse stopped = await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" });
        bool keptAfterStop = File.Exists(file);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        LogsResponse started = await daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" });

        Assert.False(keptAfterStop);
        Assert.Equal(2, stopped.Entries.Count);
        Assert.Empty(started.Entries);
        Assert.Equal(0ul, (await daemon.CountersAsync("doubler")).Invalid);
    }

    /// <summary>The daemon runs jobs/NAME.stream as job NAME only where NAME is a job name, as the release check and dsl save see jobs.</summary>
    [Fact]
    public async Task AFileOfJobsNotNamedLikeAJobIsNoJob()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/my-doubler.stream", TestJobs.Doubler("my_doubler"));
        // Deployed after the other file (in path order), so that it is listed only once that one was looked at.
        await daemon.ReleaseAsync(workspace, "zz", TestJobs.Doubler("zz"));

        ListJobsResponse list = await daemon.Client.UnaryAsync(JobsApi.List, new ListJobsRequest());

        Assert.Equal(["zz"], list.Jobs.Select(j => j.Name));
    }

    /// <summary>
    /// A running job whose new version cannot be started once its worker ended (here its output
    /// folder has a file in its place) fails with the reason, as a start or a restart would fail it,
    /// rather than staying running without a worker and leaving the release undeployed.
    /// </summary>
    [Fact]
    public async Task AnUpgradeWhoseWorkerCannotStartFailsTheJobWithTheReason()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());
        string outputs = Path.Combine(daemon.Data, "out", "realtime", "doubler");
        await Eventually.WaitAsync(() => Task.FromResult(Directory.Exists(outputs)), made => made, "the job's output folder");
        Directory.Move(outputs, outputs + ".moved");
        File.WriteAllText(outputs, "not a folder");

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler().Replace("Power * 2", "Power * 3", StringComparison.Ordinal));
        workspace.Write("jobs/other.stream", TestJobs.Doubler("other"));
        workspace.Release(daemon.Data, "v2");

        // The rest of the release is deployed, and the job says why it does not run.
        await daemon.WaitReleasedAsync("other");
        JobSummary failed = await Eventually.WaitAsync(() => daemon.StatusAsync("doubler"), s => s?.Status == JobStatus.Failed, "the job to fail") ?? throw new InvalidOperationException();
        Assert.Equal(2u, failed.Version);
        Assert.Contains(outputs, failed.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewCommitUpgradesAndABrokenJobIsNotDeployed()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler().Replace("Power * 2", "Power * 3", StringComparison.Ordinal));
        workspace.Write("jobs/broken.stream", "job broken\nmerge Nope on X { Y = Z }\n");
        workspace.Release(daemon.Data, "v2");
        JobSummary? upgraded = await daemon.WaitReleasedAsync("doubler", version: 2);
        Assert.Equal(JobStatus.Running, upgraded?.Status);
        Assert.Null(await daemon.StatusAsync("broken"));

        await daemon.IngestHttpAsync(TestJobs.Lines(1, 2));
        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler")), n => n.Length == 1, "an output of v2");
        Assert.Contains("\"value\":4.5", outputs[0]);
        // A record the ingest check lets through but the job rejects lands in the job's error log.
        await daemon.IngestHttpAsync("{\"assetId\":\"x\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":5,\"value\":\"high\"}\n");
        LogsResponse logs = await Eventually.WaitAsync(() => daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" }), l => l.Entries.Count > 0, "an error log entry");
        Assert.Equal("wrong_value_type", logs.Entries[0].Reason);
        Assert.Contains("\"high\"", logs.Entries[0].Record);
        JobCounters counters = await daemon.CountersAsync("doubler");
        Assert.Equal(1ul, counters.ErrorsByReason["wrong_value_type"]);

        // A record whose result is not finite is processed: an invalid value, not a rejected line.
        await daemon.IngestHttpAsync("{\"assetId\":\"x\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":6,\"value\":1e308}\n");
        counters = await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.InvalidValues > 0, "an invalid value");
        Assert.Equal(1ul, counters.InvalidValues);
        Assert.Equal(1ul, counters.Invalid);

        var details = await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" });
        Assert.Equal(7, details.Job.Commit.Length);
        Assert.Contains("Meter.Power", details.Job.Inputs);
    }

    /// <summary>
    /// A running job that a release restarts with empty state (its state cannot be kept) is running
    /// since that restart: a new run, with new output files, begins then.
    /// </summary>
    [Fact]
    public async Task ARunningJobARestartsWithEmptyStateIsRunningSinceTheRestart()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        var (daemon, workspace) = (released.Daemon, released.Workspace);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        JobSummary? before = await daemon.StatusAsync("doubler");

        workspace.Write("jobs/doubler.stream", WithOffset(TestJobs.Doubler()));
        workspace.Release(daemon.Data, "v2: its state cannot be kept");
        // The version changes before the restart that follows it, so the restart is waited for.
        JobSummary? restarted = await Eventually.WaitAsync(
            () => daemon.StatusAsync("doubler"),
            s => s is not null && s.Version >= 2 && s.StatusReason.StartsWith("restarted with empty state: ", StringComparison.Ordinal),
            "doubler v2 to be restarted with empty state");
        JobDetails details = (await daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job;

        Assert.Equal(JobStatus.Running, restarted?.Status);
        Assert.True(restarted?.StatusSince.ToDateTimeOffset() > before?.StatusSince.ToDateTimeOffset(), "the status counts from the restart");
        Assert.True(restarted?.StatusSince.ToDateTimeOffset() >= details.ReleasedAt.ToDateTimeOffset(), "the restart follows the release");
    }

    /// <summary>
    /// A job's checkpoint holds its place in its channel's records. A running job released to read
    /// the other channel (its operators unchanged) starts there from empty state, not at that
    /// place in records it never read.
    /// </summary>
    [Fact]
    public async Task ARunningJobMovedToTheOtherChannelRestartsWithEmptyState()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        var (daemon, workspace) = (released.Daemon, released.Workspace);
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 3, "the realtime records");

        workspace.Write("jobs/doubler.stream", TestJobs.Doubler(channel: "offline"));
        workspace.Release(daemon.Data, "v2: reads the offline channel");
        JobSummary? restarted = await Eventually.WaitAsync(
            () => daemon.StatusAsync("doubler"),
            s => s is not null && s.Version >= 2 && s.StatusReason.StartsWith("restarted with empty state: ", StringComparison.Ordinal),
            "doubler v2 to be restarted with empty state");
        Assert.Equal("restarted with empty state: it moved from the realtime channel to offline, where its place in its input means nothing", restarted?.StatusReason);

        await daemon.IngestHttpAsync(TestJobs.Lines(0, 2), "offline");
        string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler", "offline")), n => n.Length == 2, "the outputs of the two offline records");
        Assert.Equal(2, outputs.Length);
    }

    [Fact]
    public async Task AJobRemovedFromTheReleaseIsStoppedWithItsStateClearedAndComesBackAsNewlyReleased()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Write("jobs/ghost.stream", TestJobs.Doubler("ghost"));
        await using (var daemon = await TestDaemon.StartAsync(data))
        {
            workspace.Release(data);
            await daemon.WaitReleasedAsync("ghost");
            await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "ghost" } });
            await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => daemon.CountersAsync("ghost"), c => c.RecordsIn >= 3, "the ghost's records");

            workspace.Delete("jobs/ghost.stream");
            workspace.Release(data, "removes ghost");
            await Eventually.WaitAsync(() => daemon.StatusAsync("ghost"), s => s is null, "the ghost to leave the daemon's jobs");
            Assert.False(Directory.Exists(Path.Combine(data, "state", "ghost")));
            Assert.Equal(JobStatus.Released, (await daemon.StatusAsync("doubler"))?.Status);
        }

        // After a restart, released again with the same file: it is back as newly released, at
        // the next version (its tag is ghost/v2), and starts from empty state.
        await using var second = await TestDaemon.StartAsync(data);
        Assert.Null(await second.StatusAsync("ghost"));
        workspace.Write("jobs/ghost.stream", TestJobs.Doubler("ghost"));
        workspace.Release(data, "brings ghost back");
        JobSummary? back = await Eventually.WaitAsync(() => second.StatusAsync("ghost"), s => s is not null, "the ghost to be released again");
        Assert.Equal(JobStatus.Released, back?.Status);
        Assert.Equal(2u, back?.Version);
        Assert.StartsWith("released again after its removal (", back?.StatusReason, StringComparison.Ordinal);

        // A later release replaces that reason: it speaks of the version the job has now.
        workspace.Write("jobs/ghost.stream", TestJobs.Doubler("ghost").Replace("Power * 2", "Power * 3", StringComparison.Ordinal));
        workspace.Release(data, "ghost v3");
        JobSummary? upgraded = await second.WaitReleasedAsync("ghost", version: 3);
        Assert.Equal(JobStatus.Released, upgraded?.Status);
        Assert.Equal("upgraded to version 3", upgraded?.StatusReason);
        var started = await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "ghost" } });
        Assert.Equal(JobStatus.Running, started.Transitions[0].Current);
        await second.IngestHttpAsync(TestJobs.Lines(10, 12));
        await Eventually.WaitAsync(() => second.CountersAsync("ghost"), c => c.RecordsIn >= 2, "records after the return");
    }

    /// <summary>
    /// A start deploys the release it finds, but that is no release: the log says the jobs it knew
    /// are unchanged, and names a version released while it was stopped as such.
    /// </summary>
    [Fact]
    public async Task AStartLogsTheJobsItKnewAsUnchangedAndAVersionReleasedMeanwhileAsSuch()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Write("jobs/quad.stream", TestJobs.Quad());
        await using (var first = await TestDaemon.StartAsync(data))
        {
            workspace.Release(data);
            await first.WaitReleasedAsync("doubler");
            await first.WaitReleasedAsync("quad");
        }

        workspace.Write("jobs/quad.stream", TestJobs.Quad().Replace("Double * 2", "Double * 4", StringComparison.Ordinal));
        workspace.Release(data, "quad v2 while the daemon is stopped");
        var log = new RecordingLogger();
        await using var second = await TestDaemon.StartAsync(data, log: log);

        string[] deployed = [.. log.Lines.Select(l => l.Message).Where(m => m.StartsWith("release ", StringComparison.Ordinal))];
        Assert.Equal(2, deployed.Length);
        Assert.Matches(@"^release \w+: job doubler is unchanged, version 1 \(\w+\)$", deployed[0]);
        Assert.Matches(@"^release \w+: job quad: version 2 was released while the daemon was stopped \(\w+\)$", deployed[1]);
    }

    /// <summary>
    /// A running job whose version does not compile when the daemon starts is failed, with the
    /// build error as its reason, and stays a job; the version that mends it, released to the
    /// running daemon, resumes it from its checkpoint rather than leaving it running in name only.
    /// </summary>
    [Fact]
    public async Task ARunningJobThatDidNotCompileAtTheStartResumesWhenAVersionThatCompilesIsReleased()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Workspace jobs = await RunThenReleaseAVersionThatDoesNotCompileAsync(temp, data);
        await using var second = await TestDaemon.StartAsync(data);
        JobSummary failed = await second.StatusAsync("doubler") ?? throw new Xunit.Sdk.XunitException("the job is not listed");
        Assert.Equal(JobStatus.Failed, failed.Status);
        Assert.Matches(@"^version 2 does not compile: jobs/doubler\.stream\(\d+,\d+\): DSL\d{4}: .*Nope", failed.StatusReason);
        Assert.Equal(1u, failed.Version);
        JobDetails details = (await second.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "doubler" })).Job;
        Assert.Equal(failed.StatusReason, details.Summary.StatusReason);
        Assert.Equal(3ul, (await second.CountersAsync("doubler")).RecordsIn);

        jobs.Write("jobs/doubler.stream", TestJobs.Doubler());
        jobs.Release(data);
        await second.WaitReleasedAsync("doubler");
        await second.IngestHttpAsync(TestJobs.Lines(3, 5));

        // A reading of the counters can fall between a record's count and its output's.
        JobCounters counters = await Eventually.WaitAsync(() => second.CountersAsync("doubler"), c => c.RecordsIn == 5 && c.RecordsOut >= 5, "the job to read the records that came after its mending", seconds: 20);
        Assert.Equal(5ul, counters.RecordsOut);
        Assert.Equal(JobStatus.Running, (await second.StatusAsync("doubler"))?.Status);
    }

    /// <summary>
    /// A job failed because its version does not compile is cleared by a stop; a start is refused
    /// while no version compiles, a restart keeps it stopped with the reason, and the version that
    /// compiles leaves it stopped, to start from empty state.
    /// </summary>
    [Fact]
    public async Task AStopClearsAJobWhoseVersionDoesNotCompileAndItStartsOnceOneDoes()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var jobs = new Workspace(temp.Combine("ws"));
        jobs.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using (var first = await TestDaemon.StartAsync(data))
        {
            jobs.Release(data);
            await first.WaitReleasedAsync("doubler");
            await first.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        }

        jobs.Write("jobs/doubler.stream", TestJobs.Doubler().Replace("Double = Power * 2", "Double = Power * Nope", StringComparison.Ordinal));
        jobs.Release(data);
        await using (var broken = await TestDaemon.StartAsync(data))
        {
            var stop = await broken.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
            Assert.Equal(JobStatus.Failed, stop.Transitions[0].Previous);
            Assert.Equal(JobStatus.Stopped, stop.Transitions[0].Current);
            var refused = await Assert.ThrowsAsync<RpcException>(() => broken.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } }));
            Assert.Equal(StatusCode.FailedPrecondition, refused.Status);
            Assert.Contains("job 'doubler' cannot start: version 2 does not compile: jobs/doubler.stream(", refused.Message, StringComparison.Ordinal);
        }

        await using var mended = await TestDaemon.StartAsync(data);
        JobSummary? stopped = await mended.StatusAsync("doubler");
        Assert.Equal(JobStatus.Stopped, stopped?.Status);
        Assert.StartsWith("version 2 does not compile: ", stopped?.StatusReason, StringComparison.Ordinal);

        jobs.Write("jobs/doubler.stream", TestJobs.Doubler());
        jobs.Release(data);
        JobSummary? released = await mended.WaitReleasedAsync("doubler", version: 2);
        Assert.Equal(JobStatus.Stopped, released?.Status);
        await mended.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await mended.IngestHttpAsync(TestJobs.Lines(0, 2));
        await Eventually.WaitAsync(() => mended.CountersAsync("doubler"), c => c.RecordsOut == 2, "the started job to run");
    }

    /// <summary>
    /// The failure for a version that does not compile is kept in jobs.json with the status the job
    /// had: after more starts that fail it, the start that compiles it resumes it from its checkpoint.
    /// </summary>
    [Fact]
    public async Task AJobFailedForAVersionThatDoesNotCompileResumesAtTheStartThatCompilesIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        Workspace jobs = await RunThenReleaseAVersionThatDoesNotCompileAsync(temp, data);
        for (int start = 0; start < 2; start++)
        {
            await using var broken = await TestDaemon.StartAsync(data);
            Assert.Equal(JobStatus.Failed, (await broken.StatusAsync("doubler"))?.Status);
        }

        jobs.Write("jobs/doubler.stream", TestJobs.Doubler());
        jobs.Release(data);
        await using var mended = await TestDaemon.StartAsync(data);
        Assert.Equal(JobStatus.Running, (await mended.StatusAsync("doubler"))?.Status);
        await mended.IngestHttpAsync(TestJobs.Lines(3, 5));
        // A reading of the counters can fall between a record's count and its output's.
        JobCounters counters = await Eventually.WaitAsync(() => mended.CountersAsync("doubler"), c => c.RecordsIn == 5 && c.RecordsOut >= 5, "the job to resume from its checkpoint", seconds: 20);
        Assert.Equal(5ul, counters.RecordsOut);
    }

    [Fact]
    public async Task AVersionReleasedWhileTheDaemonIsStoppedIsNamedInTheStatusReason()
    {
        // A compatible change: the description.
        JobSummary? status = await RunningDoublerAfterAReleaseWhileStoppedAsync(
            TestJobs.Doubler().Replace("doubles power", "twice the power", StringComparison.Ordinal),
            s => s?.Version == 2);

        Assert.Equal(JobStatus.Running, status?.Status);
        Assert.Equal("version 2 was released while the daemon was stopped", status?.StatusReason);
    }

    [Fact]
    public async Task AVersionReleasedWhileTheDaemonIsStoppedIsNamedInTheStatusReasonOfAReleasedJob()
    {
        JobSummary? status = await RunningDoublerAfterAReleaseWhileStoppedAsync(
            TestJobs.Doubler().Replace("Power * 2", "Power * 3", StringComparison.Ordinal),
            s => s?.Version == 2,
            start: false);

        Assert.Equal(JobStatus.Released, status?.Status);
        Assert.Equal("version 2 was released while the daemon was stopped", status?.StatusReason);
    }

    [Fact]
    public async Task ARunningJobWhoseStateAVersionReleasedWhileTheDaemonIsStoppedCannotKeepFailsWithAReasonForTheDaemon()
    {
        // A second input point changes the merge's state. With hooks, this push would need -o
        // restart; these tests' daemons have none, so it lands as a release would with it (or as a
        // new daemon that compiles the job differently finds it).
        JobSummary? status = await RunningDoublerAfterAReleaseWhileStoppedAsync(
            TestJobs.Doubler()
                .Replace("ai Double kW", "ai Offset kW\n  ai Double kW", StringComparison.Ordinal)
                .Replace("Double = Power * 2", "Double = Power * 2 + Offset", StringComparison.Ordinal),
            s => s?.Status == JobStatus.Failed);

        Assert.Matches(@"^version 2 cannot keep this job's state: the state of "".+"" cannot be kept; stop and start it to run from empty state$", status?.StatusReason);
    }

    [Fact]
    public async Task AnEmptyNameOrATimeATimestampCannotHoldIsABadRequestAndALimitBeyondInt32MeansNoLimit()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        TestDaemon daemon = released.Daemon;

        foreach (var since in new[] { new Timestamp { Seconds = 1, Nanos = 2_000_000_000 }, new Timestamp { Seconds = -99_999_999_999_999 } })
        {
            var bad = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler", Since = since }));
            Assert.Equal(StatusCode.InvalidArgument, bad.Status);
            Assert.Equal(
                $"since is not a valid time: seconds {since.Seconds}, nanos {since.Nanos}; a Timestamp holds 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z with nanos from 0 to 999999999",
                bad.Message);
        }

        foreach (Func<Task> call in new Func<Task>[]
        {
            () => daemon.Client.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "doubler", "" } }),
            () => daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { " " } }),
            () => daemon.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "" }),
            () => daemon.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = " " }),
            () => daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "" } }),
            () => daemon.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "" } }),
            () => daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest { Released = new JobVersionRef { Name = "" }, Ndjson = ByteString.CopyFromUtf8("\n") }),
        })
        {
            var empty = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal((StatusCode.InvalidArgument, "a job name is empty"), (empty.Status, empty.Message));
        }

        var records = string.Concat(Enumerable.Range(0, 3).Select(i => $"{{\"assetId\":\"a\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{1_700_000_000_000L + i},\"value\":{i}}}\n"));
        var preview = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Released = new JobVersionRef { Name = "doubler" },
            Ndjson = ByteString.CopyFromUtf8(records),
            Limit = uint.MaxValue,
        });
        Assert.Equal((3, false), (preview.Outputs.Count, preview.Truncated));
    }

    /// <summary>A preview of the latest records right after a restart reads those the channel's log kept from before it.</summary>
    [Fact]
    public async Task APreviewOfTheLatestRecordsAfterARestartReadsTheRecordsIngestedBeforeIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using (var first = await TestDaemon.StartAsync(data))
        {
            workspace.Release(data);
            await first.WaitReleasedAsync("doubler");
            Assert.Equal(5ul, (await first.IngestHttpAsync(TestJobs.Lines(0, 5))).Accepted);
        }

        await using var second = await TestDaemon.StartAsync(data);
        var preview = await second.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest { Released = new JobVersionRef { Name = "doubler" }, Latest = 3 });

        Assert.Equal((3ul, 3), (preview.Summary.RecordsIn, preview.Outputs.Count));
        Assert.Equal(["m2", "m3", "m4"], preview.Outputs.Select(o => o.AssetId));
    }

    /// <summary>Records sent to Preview are read as dsl run reads a file: a byte order mark that opens them is no part of a record.</summary>
    [Fact]
    public async Task APreviewOfRecordsThatOpenWithAByteOrderMarkReadsTheFirstRecord()
    {
        await using var released = await ReleasedDoubler.StartAsync();

        var records = string.Concat(Enumerable.Range(0, 3).Select(i => $"{{\"assetId\":\"a\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{1_700_000_000_000L + i},\"value\":{i}}}\r\n"));
        var preview = await released.Daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Released = new JobVersionRef { Name = "doubler" },
            Ndjson = ByteString.CopyFrom([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(records)]),
        });

        Assert.Equal((3ul, 0ul, 3), (preview.Summary.RecordsIn, preview.Summary.Invalid, preview.Outputs.Count));
    }

    /// <summary>
    /// A preview on the channel's latest records reads them as the job's worker does, without the
    /// job's own outputs: another job sees them, the job itself does not read them back.
    /// </summary>
    [Fact]
    public async Task APreviewOnTheChannelLeavesOutTheJobsOwnOutputs()
    {
        await using var released = await ReleasedDoubler.StartAsync();
        TestDaemon daemon = released.Daemon;
        await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await daemon.IngestHttpAsync(TestJobs.Lines(0, 3));

        // The outputs reach the channel with the checkpoint after them: a job of another name sees them there.
        var witness = new PreviewRequest { Source = new InlineSource { File = "jobs/witness.stream", Text = TestJobs.Doubler("witness") }, Latest = 100 };
        PreviewResponse seen = await Eventually.WaitAsync(() => daemon.Client.UnaryAsync(JobsApi.Preview, witness), p => p.Summary.RecordsIn == 6, "the doubler's outputs in the channel");
        Assert.Equal(3ul, seen.Summary.Ignored);

        var own = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest { Released = new JobVersionRef { Name = "doubler" }, Latest = 100 });

        Assert.Equal((3ul, 0ul, 3), (own.Summary.RecordsIn, own.Summary.Ignored, own.Outputs.Count));
    }

    /// <summary>An inline file sent twice (an import named as the job's own file) is refused, not one text silently taken for the other.</summary>
    [Fact]
    public async Task AnInlineSourceThatSendsAFileTwiceIsInvalidArgument()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        const string job = "job power\nimport \"../models/meter.stream\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n";
        const string model = "model Meter {\n  ai Power: double kW\n  ai Double kW\n}\n";

        foreach (string twice in new[] { "jobs/power.stream", "/jobs/power.stream", "jobs\\power.stream", "jobs/./power.stream", "./jobs/power.stream", "jobs//power.stream" })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
            {
                Source = new InlineSource
                {
                    File = "jobs/power.stream",
                    Text = job,
                    Imports = { new ImportedSource { File = "models/meter.stream", Text = model }, new ImportedSource { File = twice, Text = model } },
                },
                Ndjson = ByteString.CopyFromUtf8("\n"),
            }));
            Assert.Equal((StatusCode.InvalidArgument, "the inline file 'jobs/power.stream' is sent twice; send each file once"), (error.Status, error.Message));
        }
    }

    /// <summary>
    /// An inline file is the file its path names, however the path spells it: a "." folder or a doubled
    /// slash (what a naive join of folder and name makes) names the same file as the plain path.
    /// </summary>
    [Fact]
    public async Task AnInlineImportSpelledWithADotFolderOrADoubledSlashIsTheFileItNames()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        const string job = "job power\nimport \"../models/meter.stream\"\n\nmerge Meter on Power {\n  Double = Power * 2\n}\n";
        const string model = "model Meter {\n  ai Power: double kW\n  ai Double kW\n}\n";

        foreach (string spelled in new[] { "models/./meter.stream", "./models/meter.stream", "models//meter.stream" })
        {
            var preview = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
            {
                Source = new InlineSource { File = "jobs/power.stream", Text = job, Imports = { new ImportedSource { File = spelled, Text = model } } },
                Ndjson = ByteString.CopyFromUtf8("{\"assetId\":\"a\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":1,\"value\":2}\n"),
            });

            Assert.Equal(4.0, Assert.Single(preview.Outputs).Value.NumberValue);
        }
    }

    /// <summary>An inline file with a ".." folder could name a file out of the tree: refused, however its slashes lean.</summary>
    [Fact]
    public async Task AnInlineFileInAParentFolderIsInvalidArgument()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        foreach (string outside in new[] { "../meter.stream", "models/../../meter.stream", "models\\..\\..\\meter.stream", ".." })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
            {
                Source = new InlineSource { File = "jobs/power.stream", Text = "job power\n", Imports = { new ImportedSource { File = outside, Text = "" } } },
                Ndjson = ByteString.CopyFromUtf8("\n"),
            }));
            Assert.Equal((StatusCode.InvalidArgument, "the inline file name must be a relative path without '..' or control characters"), (error.Status, error.Message));
        }
    }

    [Fact]
    public async Task AFailedJobGivenAVersionWhileTheDaemonIsStoppedIsReleased()
    {
        // Version 2 cannot keep the running job's state, so it fails; version 3 comes while it is failed.
        JobSummary? status = await RunningDoublerAfterAReleaseWhileStoppedAsync(
            WithOffset(TestJobs.Doubler()),
            s => s?.Status == JobStatus.Failed,
            then: WithOffset(TestJobs.Doubler()).Replace("Power * 2", "Power * 3", StringComparison.Ordinal));

        Assert.Equal((JobStatus.Released, 3u, "version 3 was released while the daemon was stopped"), (status?.Status, status?.Version, status?.StatusReason));
    }

    /// <summary>
    /// A job that fails when the daemon starts (a running one) or when started (a paused one), on a
    /// version released while the daemon was down that cannot keep its state, has the failure in its
    /// error log, and a restart keeps it there.
    /// </summary>
    [Fact]
    public async Task AJobThatFailsAtTheDaemonsStartOrAtItsOwnStartLogsTheFailureAndARestartKeepsIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        workspace.Write("jobs/pw.stream", TestJobs.Doubler("pw"));
        await using (var daemon = await TestDaemon.StartAsync(data))
        {
            workspace.Release(data);
            await daemon.WaitReleasedAsync("doubler");
            await daemon.WaitReleasedAsync("pw");
            await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "pw" } });
            await daemon.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "pw" } });
        }

        workspace.Write("jobs/doubler.stream", WithOffset(TestJobs.Doubler()));
        workspace.Write("jobs/pw.stream", WithOffset(TestJobs.Doubler("pw")));
        workspace.Release(data, "released while the daemon is stopped");

        JobSummary running;
        JobSummary started;
        await using (var second = await TestDaemon.StartAsync(data))
        {
            running = (await Eventually.WaitAsync(() => second.StatusAsync("doubler"), s => s?.Status == JobStatus.Failed, "the running job to fail"))!;
            var transitions = await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "pw" } });
            Assert.Equal(JobStatus.Failed, transitions.Transitions[0].Current);
            started = (await second.StatusAsync("pw"))!;
            AssertFailureLogged(await second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" }), running.StatusReason);
            AssertFailureLogged(await second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "pw" }), started.StatusReason);
        }

        await using var third = await TestDaemon.StartAsync(data);
        Assert.Equal(JobStatus.Failed, (await third.StatusAsync("doubler"))?.Status);
        AssertFailureLogged(await third.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" }), running.StatusReason);
        AssertFailureLogged(await third.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "pw" }), started.StatusReason);

        static void AssertFailureLogged(LogsResponse log, string reason)
        {
            ErrorLogEntry entry = Assert.Single(log.Entries);
            Assert.Equal("job_failed", entry.Reason);
            Assert.Equal(reason, entry.Detail);
            Assert.Contains("cannot keep this job's state", reason, StringComparison.Ordinal);
        }
    }

    // A second input point changes the merge's state.
    private static string WithOffset(string doubler) => doubler
        .Replace("ai Double kW", "ai Offset kW\n  ai Double kW", StringComparison.Ordinal)
        .Replace("Double = Power * 2", "Double = Power * 2 + Offset", StringComparison.Ordinal);

    /// <summary>
    /// Releases and starts (unless not to <paramref name="start"/>) the doubler, stops the daemon, releases <paramref name="next"/> while it
    /// is down, and returns the doubler's status in a new daemon once it is <paramref name="settled"/>; with <paramref name="then"/>,
    /// stops that daemon too, releases <paramref name="then"/> while it is down and returns the status in a third daemon.
    /// </summary>
    private static async Task<JobSummary?> RunningDoublerAfterAReleaseWhileStoppedAsync(string next, Func<JobSummary?, bool> settled, bool start = true, string? then = null)
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        var workspace = new Workspace(temp.Combine("ws"));
        workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using (var daemon = await TestDaemon.StartAsync(data))
        {
            workspace.Release(data);
            await daemon.WaitReleasedAsync("doubler");
            if (start)
            {
                await daemon.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
            }
        }

        workspace.Write("jobs/doubler.stream", next);
        workspace.Release(data, "released while the daemon is stopped");

        JobSummary? status;
        await using (var second = await TestDaemon.StartAsync(data))
        {
            status = await Eventually.WaitAsync(() => second.StatusAsync("doubler"), settled, "the doubler's new version");
        }

        if (then is null)
        {
            return status;
        }

        workspace.Write("jobs/doubler.stream", then);
        workspace.Release(data, "released again while the daemon is stopped");
        await using var third = await TestDaemon.StartAsync(data);
        return await third.StatusAsync("doubler");
    }

    private static async Task<CheckpointInfo> CheckpointAsync(TestDaemon daemon, string job) =>
        (await daemon.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { job } })).Jobs[0].Checkpoint;

    /// <summary>
    /// A daemon on <paramref name="data"/> runs the doubler on three records and stops; then a
    /// version of it that does not compile is released (over a path, while no daemon runs).
    /// </summary>
    private static async Task<Workspace> RunThenReleaseAVersionThatDoesNotCompileAsync(TempDirectory temp, string data)
    {
        var jobs = new Workspace(temp.Combine("ws"));
        jobs.Write("jobs/doubler.stream", TestJobs.Doubler());
        await using (var first = await TestDaemon.StartAsync(data))
        {
            jobs.Release(data);
            await first.WaitReleasedAsync("doubler");
            await first.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
            await first.IngestHttpAsync(TestJobs.Lines(0, 3));
            await Eventually.WaitAsync(() => first.CountersAsync("doubler"), c => c.RecordsIn == 3, "the job to read its records");
        }

        jobs.Write("jobs/doubler.stream", TestJobs.Doubler().Replace("Double = Power * 2", "Double = Power * Nope", StringComparison.Ordinal));
        jobs.Release(data);
        return jobs;
    }
}
