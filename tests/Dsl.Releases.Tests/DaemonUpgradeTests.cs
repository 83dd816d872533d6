using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Releases.Tests;

/// <summary>
/// A release through the hooks into a running daemon: a running job upgraded in place keeps its
/// state, so its outputs across the upgrade equal those of an identical job that was not upgraded.
/// </summary>
public sealed partial class DaemonUpgradeTests
{
    private const long Start = 1_700_000_400_000; // a multiple of ten minutes

    [Fact]
    public async Task A_running_job_upgraded_in_place_keeps_its_state()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        await using var daemon = await StartDaemonAsync(data);
        var repository = daemon.Paths.Repository;
        var operatorToken = new TokenStore(data).Create("ops", Role.Operator).Secret;
        using var client = new ControlChannel(new ConnectionSettings(daemon.Address, operatorToken, "test"));

        var workspace = Workspace.Init(Path.Combine(sandbox.Root, "upgrade-ws"), repository);
        Sandbox.Write(workspace, "upgraded", Job("upgraded", "before the upgrade"));
        Sandbox.Write(workspace, "control", Job("control", "never upgraded"));
        Sandbox.Save(workspace, "v1");
        var first = workspace.Release(repository, token: null, restart: false);
        Assert.True(first.Success, first.Combined);
        await WaitAsync(client, "upgraded", s => s?.Version >= 1);
        await WaitAsync(client, "control", s => s?.Version >= 1);
        await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "upgraded", "control" } });
        await WaitAsync(client, "upgraded", s => s?.Status == JobStatus.Running);

        // Half of a window before the upgrade, the rest (and later windows) after it.
        await IngestAsync(daemon, operatorToken, Records(0, 5));
        await WaitUntilAsync(async () => (await CountersAsync(client, "upgraded")).RecordsIn >= 5, "the records before the upgrade");

        Sandbox.Write(workspace, "upgraded", Job("upgraded", "after the upgrade"));
        Sandbox.Save(workspace, "v2: a new description, the same state");
        var second = workspace.Release(repository, token: null, restart: false);
        Assert.True(second.Success, second.Combined);
        Assert.Contains("remote: dsl: released upgraded/v2", second.Error);
        var upgraded = await WaitAsync(client, "upgraded", s => s?.Version >= 2 && s.StatusReason.Length > 0);
        Assert.Equal(JobStatus.Running, upgraded?.Status);
        Assert.Equal("upgraded to version 2", upgraded?.StatusReason);

        await IngestAsync(daemon, operatorToken, Records(5, 35));
        await WaitUntilAsync(() => Task.FromResult(Outputs(data, "upgraded").Length >= 2 && Outputs(data, "control").Length >= 2), "the windows after the upgrade");

        var expected = Outputs(data, "control");
        var actual = Outputs(data, "upgraded");
        Assert.Equal(expected, actual);
        // The first window spans the upgrade: ten samples 0..9, average 4.5.
        Assert.Contains("\"value\":4.5", actual[0]);
        Assert.Contains("\"value\":10", Outputs(data, "upgraded", countPoint: true)[0]);
    }

    [Fact]
    public async Task An_incompatible_upgrade_of_a_running_job_is_refused_and_with_restart_starts_from_empty_state()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        await using var daemon = await StartDaemonAsync(data);
        var repository = daemon.Paths.Repository;
        var operatorToken = new TokenStore(data).Create("ops", Role.Operator).Secret;
        using var client = new ControlChannel(new ConnectionSettings(daemon.Address, operatorToken, "test"));

        var workspace = Workspace.Init(Path.Combine(sandbox.Root, "restart-ws"), repository);
        await ReleaseAndRunFiveMinutesAsync(daemon, workspace, client, operatorToken, "restarted");

        // A new aggregate in the block changes the window operator's state layout.
        Sandbox.Write(workspace, "restarted", Job("restarted", "v2", withMax: true));
        Sandbox.Save(workspace, "v2: adds a maximum");
        var refused = workspace.Release(repository, token: null, restart: false);
        Assert.False(refused.Success);
        Assert.Contains("aggregate0.Value", refused.Error);

        var accepted = workspace.Release(repository, token: null, restart: true);
        Assert.True(accepted.Success, accepted.Combined);
        var restarted = await WaitAsync(client, "restarted", s => s?.Version >= 2 && s.Status == JobStatus.Running && s.StatusReason.Length > 0);
        Assert.Equal(JobStatus.Running, restarted?.Status);
        Assert.StartsWith("restarted with empty state: ", restarted?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("aggregate0.Value", restarted?.StatusReason, StringComparison.Ordinal);

        await IngestAsync(daemon, operatorToken, Records(5, 35));
        await WaitUntilAsync(() => Task.FromResult(Outputs(data, "restarted", countPoint: true).Length >= 2), "the windows after the restart");

        // The restart cleared state and reads only new data: the first window holds minutes 5..9.
        Assert.Contains("\"value\":5", Outputs(data, "restarted", countPoint: true)[0]);
        Assert.Contains("\"value\":7", Outputs(data, "restarted")[0]);
    }

    [Fact]
    public async Task An_incompatible_upgrade_of_a_paused_job_with_restart_clears_its_state_and_leaves_it_stopped()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        await using var daemon = await StartDaemonAsync(data);
        var repository = daemon.Paths.Repository;
        var operatorToken = new TokenStore(data).Create("ops", Role.Operator).Secret;
        using var client = new ControlChannel(new ConnectionSettings(daemon.Address, operatorToken, "test"));

        var workspace = Workspace.Init(Path.Combine(sandbox.Root, "paused-ws"), repository);
        await ReleaseAndRunFiveMinutesAsync(daemon, workspace, client, operatorToken, "paused");
        await client.UnaryAsync(JobsApi.Pause, new PauseJobsRequest { Names = { "paused" } });
        await WaitAsync(client, "paused", s => s?.Status == JobStatus.Paused);

        Sandbox.Write(workspace, "paused", Job("paused", "v2", withMax: true));
        Sandbox.Save(workspace, "v2: adds a maximum");
        var accepted = workspace.Release(repository, token: null, restart: true);
        Assert.True(accepted.Success, accepted.Combined);
        var stopped = await WaitAsync(client, "paused", s => s?.Version >= 2 && s.Status == JobStatus.Stopped);
        Assert.Contains("state cleared", stopped?.StatusReason, StringComparison.Ordinal);
        Assert.Contains("aggregate0.Value", stopped?.StatusReason, StringComparison.Ordinal);

        // Started, it runs the new version from empty state on new data only.
        var started = await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { "paused" } });
        Assert.Equal(JobStatus.Running, started.Transitions[0].Current);
        await IngestAsync(daemon, operatorToken, Records(5, 35));
        await WaitUntilAsync(() => Task.FromResult(Outputs(data, "paused", countPoint: true).Length >= 2), "the windows after the start");
        Assert.Contains("\"value\":5", Outputs(data, "paused", countPoint: true)[0]);
    }

    [Fact]
    public async Task Versions_released_while_the_daemon_is_down_are_numbered_as_their_tags()
    {
        using var sandbox = new Sandbox();
        var (data, workspace) = await ReleaseFirstVersionAndStopAsync(sandbox, "tagged");

        // Two releases while the daemon is down make the tags v2 and v3; it deploys only the latest.
        foreach (var description in new[] { "v2", "v3" })
        {
            Sandbox.Write(workspace, "tagged", Job("tagged", description));
            Sandbox.Save(workspace, description);
            var pushed = workspace.Release(Path.Combine(data, "jobs.git"), token: null, restart: false);
            Assert.True(pushed.Success, pushed.Combined);
            Assert.Contains($"remote: dsl: released tagged/{description}", pushed.Error);
        }

        await using var again = await StartDaemonAsync(data);
        using var second = OperatorClient(again, data);
        var summary = await WaitAsync(second, "tagged", s => s is not null);
        Assert.Equal(3u, summary?.Version);
    }

    /// <summary>
    /// Git moves <c>release</c> before its post-receive hook tags the release: a daemon starting in
    /// between finds the new file without its tag. It is a new version all the same, numbered as
    /// the tag the hook is making, not the last version compiled anew.
    /// </summary>
    [Fact]
    public async Task A_version_read_at_the_start_before_its_tag_is_made_is_numbered_as_that_tag()
    {
        using var sandbox = new Sandbox();
        var (data, workspace) = await ReleaseFirstVersionAndStopAsync(sandbox, "tagged");
        var repository = Path.Combine(data, "jobs.git");
        Sandbox.Write(workspace, "tagged", Job("tagged", "v2"));
        Sandbox.Save(workspace, "v2");
        var pushed = workspace.Release(repository, token: null, restart: false);
        Assert.True(pushed.Success, pushed.Combined);

        // As the daemon would find it while the hook still checks the release: the tag not made yet.
        string head = GitRunner.Check(repository, ["rev-parse", "release"]).Trim();
        GitRunner.Check(repository, ["tag", "-d", "tagged/v2"]);
        await using var again = await StartDaemonAsync(data);
        using var second = OperatorClient(again, data);
        var summary = await WaitAsync(second, "tagged", s => s is not null);
        GitRunner.Check(repository, ["tag", "-a", "-m", "Release of tagged", "tagged/v2", head]);

        Assert.Equal((2u, "version 2 was released while the daemon was stopped"), (summary?.Version, summary?.StatusReason));
    }

    /// <summary>A release of other jobs after a job's last one carries no tag of it: the job still shows its latest tag's number.</summary>
    [Fact]
    public async Task A_version_released_while_the_daemon_is_down_keeps_its_tag_s_number_after_releases_of_other_jobs()
    {
        using var sandbox = new Sandbox();
        var (data, workspace) = await ReleaseFirstVersionAndStopAsync(sandbox, "tagged");
        var repository = Path.Combine(data, "jobs.git");

        foreach (var (job, description) in new[] { ("tagged", "v2"), ("tagged", "v3"), ("other", "v1") })
        {
            Sandbox.Write(workspace, job, Job(job, description));
            Sandbox.Save(workspace, $"{job} {description}");
            var pushed = workspace.Release(repository, token: null, restart: false);
            Assert.True(pushed.Success, pushed.Combined);
            Assert.Contains($"remote: dsl: released {job}/{description}", pushed.Error);
        }

        await using var again = await StartDaemonAsync(data);
        using var second = OperatorClient(again, data);
        var tagged = await WaitAsync(second, "tagged", s => s is not null);
        var other = await WaitAsync(second, "other", s => s is not null);
        Assert.Equal((3u, "version 3 was released while the daemon was stopped"), (tagged?.Version, tagged?.StatusReason));
        Assert.Equal(1u, other?.Version);
    }

    /// <summary>
    /// A new build of the daemon compiles every job to a new version (the compiler is part of it);
    /// that is no release: the job keeps its tag's number and says nothing was released.
    /// </summary>
    [Fact]
    public async Task A_job_compiled_anew_by_another_build_of_the_daemon_keeps_its_version()
    {
        using var sandbox = new Sandbox();
        var (data, _) = await ReleaseFirstVersionAndStopAsync(sandbox, "kept");

        // What another build of the compiler makes of the same sources: another compiled version.
        var records = Path.Combine(data, "jobs.json");
        var jobs = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(records))!.AsArray();
        var kept = jobs.Single(j => (string?)j!["Name"] == "kept")!;
        Assert.NotEqual("0000000", (string?)kept["Source"]);
        kept["Source"] = "0000000";
        File.WriteAllText(records, jobs.ToJsonString());

        await using var again = await StartDaemonAsync(data);
        using var second = OperatorClient(again, data);
        var summary = await WaitAsync(second, "kept", s => s is not null);
        Assert.Equal((JobStatus.Released, 1u, ""), (summary?.Status, summary?.Version, summary?.StatusReason));
    }

    /// <summary>
    /// Releases version 1 of <paramref name="job"/> from a new workspace to a running daemon, then
    /// stops the daemon: where the tests of releases made while it is down begin.
    /// </summary>
    private static async Task<(string Data, Workspace Workspace)> ReleaseFirstVersionAndStopAsync(Sandbox sandbox, string job)
    {
        var data = Path.Combine(sandbox.Root, "daemon");
        var workspace = Workspace.Init(Path.Combine(sandbox.Root, job + "-ws"), Path.Combine(data, "jobs.git"));
        await using var daemon = await StartDaemonAsync(data);
        using var client = OperatorClient(daemon, data);
        Sandbox.Write(workspace, job, Job(job, "v1"));
        Sandbox.Save(workspace, "v1");
        Assert.True(workspace.Release(daemon.Paths.Repository, token: null, restart: false).Success);
        await WaitAsync(client, job, s => s?.Version >= 1);
        return (data, workspace);
    }

    /// <summary>A client of the daemon with a new operator token (one per daemon start: names are unique).</summary>
    private static ControlChannel OperatorClient(Daemon.Daemon daemon, string data) =>
        new(new ConnectionSettings(daemon.Address, new TokenStore(data).Create("ops-" + Guid.NewGuid().ToString("N")[..8], Role.Operator).Secret, "test"));

    /// <summary>A daemon on loopback with fast checkpoints and release polling, its repository's hooks installed.</summary>
    private static async Task<Daemon.Daemon> StartDaemonAsync(string data)
    {
        var daemon = await Daemon.Daemon.StartAsync(new DaemonOptions
        {
            DataDirectory = data,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
            CheckpointInterval = TimeSpan.FromMilliseconds(200),
            ReleasePollInterval = TimeSpan.FromMilliseconds(100),
        }, NullLoggerFactory.Instance);
        ReleaseRepository.EnsureCreated(daemon.Paths.Repository, HookCommand.ForDll(Path.Combine(AppContext.BaseDirectory, "dsl.dll")));
        return daemon;
    }

    /// <summary>Releases v1 of the job, starts it and feeds it minutes 0..4, all read.</summary>
    private static async Task ReleaseAndRunFiveMinutesAsync(Daemon.Daemon daemon, Workspace workspace, ControlChannel client, string token, string job)
    {
        Sandbox.Write(workspace, job, Job(job, "v1"));
        Sandbox.Save(workspace, "v1");
        Assert.True(workspace.Release(daemon.Paths.Repository, token: null, restart: false).Success);
        await WaitAsync(client, job, s => s?.Version >= 1);
        await client.UnaryAsync(JobsApi.Start, new StartJobsRequest { Names = { job } });
        await WaitAsync(client, job, s => s?.Status == JobStatus.Running);
        await IngestAsync(daemon, token, Records(0, 5));
        await WaitUntilAsync(async () => (await CountersAsync(client, job)).RecordsIn >= 5, "the records of minutes 0..4");
    }

    private static string Job(string name, string description, bool withMax = false) => $$"""
        job {{name}} "{{description}}"

        model Probe {
          ai Value: double
          ai ValueAvg
          ai ValueCount
          ai ValueMax
        }

        aggregate Probe window tumbling 10m {
          ValueAvg = avg(Value)
          ValueCount = count(Value)
          {{(withMax ? "ValueMax = max(Value)" : "")}}
        }

        """;

    /// <summary>One record a minute, value = minute number.</summary>
    private static string Records(int from, int to)
    {
        var text = new StringBuilder();
        for (var i = from; i < to; i++)
            text.Append(CultureInfo.InvariantCulture, $$"""{"assetId":"p1","modelId":"Probe","pointId":"Value","time":{{Start + (i * 60_000L)}},"value":{{i}}}""").Append('\n');
        return text.ToString();
    }

    /// <summary>A job's output lines of one point, without what differs by job or version.</summary>
    private static string[] Outputs(string data, string job, bool countPoint = false)
    {
        var folder = Path.Combine(data, "out", "realtime", job);
        if (!Directory.Exists(folder))
            return [];
        var point = countPoint ? "\"ValueCount\"" : "\"ValueAvg\"";
        return [.. Directory.EnumerateFiles(folder, "*.ndjson").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Contains(point, StringComparison.Ordinal))
            .Select(l => Varying().Replace(l, "\"$1\":\"-\""))];
    }

    private static async Task IngestAsync(Daemon.Daemon daemon, string token, string ndjson)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.HttpAddress ?? throw new InvalidOperationException(), "/ingest?channel=realtime"))
        {
            Content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JobCounters> CountersAsync(ControlChannel client, string job) =>
        (await client.UnaryAsync(JobsApi.Metrics, new MetricsRequest { Names = { job } })).Jobs[0].Counters;

    private static async Task<JobSummary?> WaitAsync(ControlChannel client, string job, Func<JobSummary?, bool> done)
    {
        JobSummary? summary = null;
        await WaitUntilAsync(async () =>
        {
            summary = (await client.UnaryAsync(JobsApi.List, new ListJobsRequest())).Jobs.FirstOrDefault(j => j.Name == job);
            return done(summary);
        }, $"job {job}");
        return summary;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var limit = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"gave up waiting for {what}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("\"(version|job|run)\":\"[^\"]*\"")]
    private static partial Regex Varying();
}
