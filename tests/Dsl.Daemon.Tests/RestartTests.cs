using System.Net.Http.Headers;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>
/// A daemon killed or stopped comes back with every job in its status, running ones resuming exactly,
/// and a job chained on another's outputs reads each of them once.
/// </summary>
public sealed class RestartTests
{
    private const int Records = 200_000;

    [Fact]
    public async Task KilledAndTerminatedDaemonsResumeWithoutLostOrDuplicatedOutput()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string input = temp.Combine("input.ndjson");
        File.WriteAllText(input, TestJobs.Lines(0, Records));
        string more = TestJobs.Lines(Records, Records + 10);
        File.WriteAllText(temp.Combine("all.ndjson"), File.ReadAllText(input) + more);
        string[] expected = DirectRun.Outputs(TestJobs.Doubler(), temp.Combine("all.ndjson"));

        string token;
        using (DaemonProcess first = DaemonProcess.Start(data))
        {
            token = File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim();
            var workspace = new Workspace(temp.Combine("ws"));
            workspace.Write("jobs/doubler.stream", TestJobs.Doubler());
            workspace.Write("jobs/idle.stream", TestJobs.Doubler("idle"));
            workspace.Write("jobs/quad.stream", TestJobs.Quad());
            workspace.Release(data);
            using ControlChannel client = first.Channel(token);
            await Eventually.WaitAsync(() => client.UnaryAsync(JobsApi.List, new ListJobsRequest()), l => l.Jobs.Count == 3, "three released jobs");
            await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler", "idle", "quad" } });
            await client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "idle" } });
            await IngestAsync(first.Http, token, File.ReadAllText(input));

            // Kill while the job is somewhere in the middle (or already done: correctness holds either way).
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n > 0, "a first checkpoint with outputs");
            first.Kill();
        }

        using (DaemonProcess second = DaemonProcess.Start(data))
        {
            using ControlChannel client = second.Channel(token);
            var statuses = await client.UnaryAsync(JobsApi.Status, new StatusRequest());
            Assert.Equal(JobStatus.Running, statuses.Jobs.Single(j => j.Name == "doubler").Status);
            Assert.Equal(JobStatus.Paused, statuses.Jobs.Single(j => j.Name == "idle").Status);
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n >= Records, "every output after the crash");
            Assert.Equal(0, second.Terminate());
        }

        using (DaemonProcess third = DaemonProcess.Start(data))
        {
            using ControlChannel client = third.Channel(token);
            var statuses = await client.UnaryAsync(JobsApi.Status, new StatusRequest());
            Assert.Equal(JobStatus.Running, statuses.Jobs.Single(j => j.Name == "doubler").Status);
            Assert.Equal(JobStatus.Paused, statuses.Jobs.Single(j => j.Name == "idle").Status);
            await IngestAsync(third.Http, token, more);
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data).Length), n => n >= Records + 10, "the outputs of records ingested after the restart");
            await Eventually.WaitAsync(() => Task.FromResult(Outputs(data, "quad").Length), n => n >= Records + 10, "the chained job's outputs");

            // The doubler reads every ingested record once, and quad's outputs (ignored: not its points).
            var counters = await Eventually.WaitAsync(
                async () => (await client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs[0].Counters,
                c => c.RecordsIn >= 2 * (Records + 10),
                "the doubler to read quad's outputs");
            Assert.Equal((ulong)(2 * (Records + 10)), counters.RecordsIn);
            Assert.Equal((ulong)(Records + 10), counters.SkippedByReason["ignored"]);
            third.Terminate();
        }

        Assert.Equal(expected, DirectRun.Normalize(Outputs(data)));

        // Each output of the doubler reached the chained job once: one Quad, four times the power, per record.
        string[] quad = Outputs(data, "quad");
        Assert.Equal(Records + 10, quad.Length);
        Assert.Equal(Records + 10, quad.Select(TimeOf).Distinct().Count());
        Assert.All(quad, line => Assert.Equal(((TimeOf(line) - 1_700_000_000_000L) % 997 * 4) + 2, Number(line, "value")));
    }

    [Fact]
    public async Task TheInputRateAfterARestartCountsNoRecordOfBeforeIt()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerAsync(first, temp, data, TestJobs.Lines(0, 5000), 5000);
        }

        // The job resumes during the start; no record arrives after it, so the first reading of the
        // rate (a second or more after the resume) finds none (the 5000 restored ones are not new).
        await using var second = await TestDaemon.StartAsync(data);
        JobMetrics metrics = await Eventually.WaitAsync(
            async () => (await second.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs.Single(),
            m => m.Throughput.Window.ToTimeSpan() >= TimeSpan.FromSeconds(1),
            "the first reading of the rate");
        Assert.Equal(5000ul, metrics.Counters.RecordsIn);
        Assert.Equal(0, metrics.Throughput.RecordsInPerSecond);
        Assert.Equal(0, metrics.Throughput.RecordsOutPerSecond);
    }

    /// <summary>
    /// The error log is kept with the job's checkpoints: after a restart it holds the rejected
    /// records that the restored counters count, as they were, and new ones join them.
    /// </summary>
    [Fact]
    public async Task TheErrorLogAfterARestartHoldsTheErrorsTheRestoredCountersCount()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        LogsResponse before;
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerAsync(first, temp, data, TestJobs.Lines(0, 10) + TestJobs.BadLines(0, 3) + TestJobs.Lines(10, 20), 23);
            before = await first.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" });
        }

        await using var second = await TestDaemon.StartAsync(data);
        JobCounters restored = await Eventually.WaitAsync(() => second.CountersAsync("doubler"), c => c.RecordsIn == 23, "the job to resume with its counters");
        LogsResponse after = await second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" });

        Assert.Equal(3ul, restored.ErrorsByReason["wrong_value_type"]);
        Assert.Equal(3, before.Entries.Count);
        Assert.Equal(before.Entries, after.Entries);
        Assert.Equal(0ul, after.Dropped);

        await second.IngestHttpAsync(TestJobs.BadLines(3, 4));
        LogsResponse more = await Eventually.WaitAsync(() => second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "doubler" }), l => l.Entries.Count == 4, "the error after the restart");
        Assert.Equal(before.Entries, more.Entries.Take(3));
        Assert.Contains("\"m3\"", more.Entries[3].Record, StringComparison.Ordinal);
    }

    /// <summary>
    /// A damaged latest checkpoint is skipped for the one before it (DSL5002), and the daemon says so
    /// in its log, naming the checkpoint and the file that failed: the job resumes exactly, but an
    /// operator should know that the disk damaged its state.
    /// </summary>
    [Fact]
    public async Task AResumeFromTheCheckpointBeforeADamagedOneIsLogged()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string checkpoints = Path.Combine(data, "state", "doubler", "checkpoints");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            var workspace = new Workspace(temp.Combine("ws"));
            await first.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());
            await first.IngestHttpAsync(TestJobs.Lines(0, 100));
            await Eventually.WaitAsync(() => Task.FromResult(Directory.GetDirectories(checkpoints).Length), n => n == 1, "a first checkpoint");
            await first.IngestHttpAsync(TestJobs.Lines(100, 200));
            await Eventually.WaitAsync(() => Task.FromResult(Directory.GetDirectories(checkpoints).Length), n => n == 2, "a second checkpoint");
            await Eventually.WaitAsync(() => first.CountersAsync("doubler"), c => c.RecordsIn == 200, "every record read");
        }

        string latest = Directory.GetDirectories(checkpoints).Order(StringComparer.Ordinal).Last();
        string damaged = Path.Combine(latest, "runtime.bin");
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[^1] ^= 0xff;
        File.WriteAllBytes(damaged, bytes);

        using DaemonProcess second = DaemonProcess.Start(data);
        using ControlChannel client = second.Channel(File.ReadAllText(Path.Combine(data, TokenStore.AdminTokenFileName)).Trim());
        var metrics = await Eventually.WaitAsync(
            async () => (await client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { "doubler" } })).Jobs[0].Counters,
            c => c.RecordsIn == 200,
            "the job to resume and read the records after the checkpoint it resumed from again");
        Assert.Equal(200ul, metrics.RecordsOut);
        Assert.Equal(0, second.Terminate());
        Assert.Contains($"job doubler: warning DSL5002: The checkpoint {latest} is damaged", second.Log, StringComparison.Ordinal);
        Assert.Contains($"{damaged} does not match its checksum", second.Log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A channel that lost the entries a job's checkpoint had read (its commit record deleted: it
    /// reopens empty) would take new records below the job's position, and the job would never read
    /// them. The job fails instead, naming the channel and the two addresses; a stop and a start run
    /// it again from the channel's tail.
    /// </summary>
    [Fact]
    public async Task AJobWhoseChannelLostWhatItHadReadFailsInsteadOfMissingNewRecords()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerAsync(first, temp, data, TestJobs.Lines(0, 100), 100);
        }

        string channel = Path.Combine(data, "channels", "realtime");
        Directory.Delete(Path.Combine(channel, "commits"), recursive: true);

        await using var second = await TestDaemon.StartAsync(data);
        JobSummary? failed = await second.StatusAsync("doubler");
        Assert.Equal(JobStatus.Failed, failed?.Status);
        Assert.StartsWith($"The input {channel} is not the one the checkpoint in {Path.Combine(data, "state", "doubler")} was taken on (the checkpoint had read it up to address ", failed?.StatusReason, StringComparison.Ordinal);
        Assert.Contains(", and it now ends at address 64: its log lost entries)", failed?.StatusReason, StringComparison.Ordinal);

        await second.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await second.IngestHttpAsync(TestJobs.Lines(100, 110));
        await Eventually.WaitAsync(() => second.CountersAsync("doubler"), c => c.RecordsIn == 10, "the records ingested after the restart");
    }

    /// <summary>
    /// A job whose state folder is gone while jobs.json records its checkpoint would start afresh
    /// from its run's start and rewrite its outputs (or from where retention dropped records). It
    /// fails with DSL5001 instead, its outputs untouched; a stop and a start run it anew.
    /// </summary>
    /// <summary>
    /// A state folder is deleted by renaming it first, so that a daemon killed meanwhile leaves it
    /// whole or gone: what such a kill leaves (a renamed folder, half deleted) is deleted at the
    /// next start, and is not taken for a job jobs.json does not know. A stop deletes the same way.
    /// </summary>
    [Fact]
    public async Task AStateFolderLeftHalfDeletedByAKillIsDeletedAtTheNextStart()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerAsync(first, temp, data, TestJobs.Lines(0, 100), 100);
            await first.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
            // The stop deleted the state folder whole: neither it nor its renamed self is left.
            Assert.Empty(Directory.GetDirectories(Path.Combine(data, "state")));
        }

        string left = Path.Combine(data, "state", ".deleted-doubler-0123456789abcdef0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(left, "store"));
        File.WriteAllText(Path.Combine(left, "store", "log.0"), "half of a store");

        await using var second = await TestDaemon.StartAsync(data);

        Assert.False(Directory.Exists(left));
        Assert.Equal(JobStatus.Stopped, (await second.StatusAsync("doubler"))?.Status);
    }

    [Fact]
    public async Task AJobWhoseStateFolderIsGoneFailsInsteadOfStartingOverSilently()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string state = Path.Combine(data, "state", "doubler");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            await StartDoublerAsync(first, temp, data, TestJobs.Lines(0, 100), 100);
            await Eventually.WaitAsync(() => Task.FromResult(Directory.Exists(Path.Combine(state, "checkpoints")) && Directory.GetDirectories(Path.Combine(state, "checkpoints")).Length > 0), found => found, "a checkpoint");
        }

        string outputs = Path.Combine(data, "out", "realtime", "doubler");
        Dictionary<string, string> before = Directory.GetFiles(outputs, "*.ndjson").ToDictionary(f => f, File.ReadAllText);
        Directory.Delete(state, recursive: true);

        await using var second = await TestDaemon.StartAsync(data);
        JobSummary? failed = await second.StatusAsync("doubler");
        Assert.Equal(JobStatus.Failed, failed?.Status);
        Assert.StartsWith($"The state directory {state} is damaged: jobs.json records a checkpoint of the job at ", failed?.StatusReason, StringComparison.Ordinal);
        // The advice is the daemon's, which the lines below follow: not dsl run's "delete the directory".
        Assert.EndsWith("and the directory holds none (deleted, or restored without it). No intact checkpoint is left in it. Stop and start the job to run it from empty state.", failed?.StatusReason, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(outputs, "*.ndjson").ToDictionary(f => f, File.ReadAllText));

        await second.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "doubler" } });
        await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "doubler" } });
        await second.IngestHttpAsync(TestJobs.Lines(100, 110));
        await Eventually.WaitAsync(() => second.CountersAsync("doubler"), c => c.RecordsIn == 10, "the records ingested after the new start");
    }

    /// <summary>
    /// A job that no worker resumes at the start (paused, or scheduled and not run since) shows the
    /// totals its latest checkpoint carries, as its restored error log does; a stopped job, whose
    /// state is gone, shows zeros.
    /// </summary>
    [Fact]
    public async Task AJobNotResumedAtARestartShowsTheCountersOfItsCheckpoint()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using (var first = await TestDaemon.StartAsync(data))
        {
            var workspace = new Workspace(temp.Combine("ws"));
            workspace.Write("jobs/paused.stream", TestJobs.Doubler("paused"));
            workspace.Write("jobs/gone.stream", TestJobs.Doubler("gone"));
            workspace.Write("jobs/batch.stream", TestJobs.Doubler("batch", "offline") + "\nschedule on file \"inbox/*.jsonl\"\n");
            workspace.Release(data);
            await first.WaitReleasedAsync("paused");
            await first.WaitReleasedAsync("gone");
            await first.WaitReleasedAsync("batch");
            await first.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "paused", "gone" } });
            await first.IngestHttpAsync(TestJobs.Lines(0, 10) + TestJobs.BadLines(0, 3));
            await Eventually.WaitAsync(() => first.CountersAsync("paused"), c => c.RecordsIn == 13, "every record read");
            await Eventually.WaitAsync(() => first.CountersAsync("gone"), c => c.RecordsIn == 13, "every record read");
            await first.Client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "paused" } });
            await first.Client.UnaryAsync(JobsApi.Stop, new StopJobsRequest { Names = { "gone" } });

            // A start reads only what arrives after it; the run is the one of the file.
            await first.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "batch" } });
            string staging = temp.Combine("meters.jsonl");
            File.WriteAllText(staging, TestJobs.Lines(0, 5) + TestJobs.BadLines(5, 7));
            File.Move(staging, Path.Combine(data, "inbox", "meters.jsonl"));
            await Eventually.WaitAsync(
                () => first.Client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = "batch" }),
                d => d.Job.Schedule?.LastRunStatus == JobStatus.Stopped,
                "the scheduled run to finish");
        }

        await using var second = await TestDaemon.StartAsync(data);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        MetricsResponse metrics = await second.Client.UnaryAsync(JobsApi.Metrics, new MetricsRequest());
        JobMetrics paused = metrics.Jobs.Single(j => j.Name == "paused");
        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.Equal(13ul, paused.Counters.RecordsIn);
        Assert.Equal(10ul, paused.Counters.RecordsOut);
        Assert.Equal(3ul, paused.Counters.Invalid);
        Assert.Equal(3ul, paused.Counters.ErrorsByReason["wrong_value_type"]);

        // The restored totals are no records of the interval the first rate measures.
        Assert.Equal(0, paused.Throughput.RecordsInPerSecond);
        LogsResponse log = await second.Client.UnaryAsync(JobsApi.Logs, new LogsRequest { Name = "paused" });
        Assert.Equal(3, log.Entries.Count);

        JobMetrics batch = metrics.Jobs.Single(j => j.Name == "batch");
        Assert.Equal(JobStatus.Running, batch.Status);
        Assert.Equal(7ul, batch.Counters.RecordsIn);
        Assert.Equal(5ul, batch.Counters.RecordsOut);
        Assert.Equal(2ul, batch.Counters.ErrorsByReason["wrong_value_type"]);

        JobMetrics gone = metrics.Jobs.Single(j => j.Name == "gone");
        Assert.Equal(JobStatus.Stopped, gone.Status);
        Assert.Equal(0ul, gone.Counters.RecordsIn);
        Assert.Empty(gone.Counters.ErrorsByReason);

        // Resumed, the job goes on from the same totals.
        await second.Client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "paused" } });
        await second.IngestHttpAsync(TestJobs.Lines(10, 12));
        // The stopped job's outputs reach the channel at its checkpoints; those after the pause are
        // read on resuming and ignored (their point is no input), so the records in are 15 and those.
        await Eventually.WaitAsync(
            () => second.CountersAsync("paused"),
            c => c.RecordsOut == 12 && c.RecordsIn - c.SkippedByReason["ignored"] == 15 && c.Invalid == 3,
            "the resumed job to count on");
    }

    private static long TimeOf(string line) => (long)Number(line, "time");

    private static double Number(string line, string field)
    {
        int at = line.IndexOf($"\"{field}\":", StringComparison.Ordinal) + field.Length + 3;
        int end = line.IndexOfAny([',', '}'], at);
        return double.Parse(line.AsSpan(at, end - at), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] Outputs(string data, string job = "doubler")
    {
        string folder = Path.Combine(data, "out", "realtime", job);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.ndjson").Order(StringComparer.Ordinal).SelectMany(ReadShared)]
            : [];
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private static async Task IngestAsync(Uri http, string token, string ndjson)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http, "/ingest")) { Content = new StringContent(ndjson, Encoding.UTF8) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Releases the doubler to the daemon over <paramref name="data"/>, starts it, ingests <paramref name="lines"/> and waits until it has read <paramref name="records"/> records.</summary>
    private static async Task StartDoublerAsync(TestDaemon daemon, TempDirectory temp, string data, string lines, ulong records)
    {
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());
        await daemon.IngestHttpAsync(lines);
        await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn == records, "every record read");
    }
}
