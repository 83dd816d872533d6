using System.Net;
using Dsl.Control.Api;
using Dsl.Control.Security;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon;
using Dsl.Releases.Api;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Releases.Tests;

/// <summary>
/// The daemon's Jobs rpcs over what the release service keeps in <c>DATA/jobs.git</c>: the
/// editing locks (<c>Jobs.Get</c>) and the <c>JOB/vN</c> tags (<c>Jobs.Preview</c> of a released
/// version). The daemon is wired as <c>dsl serve</c> wires it: hooks installed, Releases rpcs served.
/// </summary>
public sealed class DaemonJobsTests
{
    [Fact]
    public async Task Jobs_get_reports_the_editing_lock_however_it_was_taken()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        await using var daemon = await StartDaemonAsync(data);
        using var client = Client(daemon, new TokenStore(data).Create("carol", Role.Admin).Secret);
        await ReleaseAsync(daemon, client, sandbox.NewWorkspace("lock-ws"), "stats", Jobs.Window("stats"), version: 1);
        Assert.Null((await GetAsync(client, "stats")).Lock);

        var taken = await client.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats", Hard = true });
        var held = (await GetAsync(client, "stats")).Lock;
        Assert.Equal(taken.Lock, held);
        Assert.Equal(("stats", "carol", true), (held.Job, held.Holder, held.Hard));

        await client.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "stats" });
        Assert.Null((await GetAsync(client, "stats")).Lock);

        // `dsl lock` over a path writes the same store, under DSL_USER.
        Workspace.LockAtPath(daemon.Paths.Repository, "stats", hard: false);
        var soft = (await GetAsync(client, "stats")).Lock;
        Assert.Equal(("alice", false), (soft.Holder, soft.Hard));
    }

    [Fact]
    public async Task Jobs_preview_runs_any_released_version_compiled_from_its_tag()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        await using var daemon = await StartDaemonAsync(data);
        using var client = Client(daemon, new TokenStore(data).Create("ops", Role.Operator).Secret);
        var workspace = sandbox.NewWorkspace("preview-ws");
        Sandbox.WriteModel(workspace, "shared", Jobs.SharedModel);
        await ReleaseAsync(daemon, client, workspace, "doubler", Jobs.Importing("doubler"), version: 1);
        await ReleaseAsync(daemon, client, workspace, "doubler", Jobs.Importing("doubler").Replace("Power * 2", "Power * 3", StringComparison.Ordinal), version: 2);

        // Each version with the model it imports at its tag's commit; 0 is the online one.
        Assert.Equal(3.0, await PreviewAsync(client, "doubler", 1));
        Assert.Equal(4.5, await PreviewAsync(client, "doubler", 2));
        Assert.Equal(4.5, await PreviewAsync(client, "doubler", 0));

        var unknownVersion = await Assert.ThrowsAsync<RpcException>(() => PreviewAsync(client, "doubler", 9));
        Assert.Equal(StatusCode.NotFound, unknownVersion.Status);
        Assert.Contains("no version 9", unknownVersion.Message);
        var unknownJob = await Assert.ThrowsAsync<RpcException>(() => PreviewAsync(client, "nope", 1));
        Assert.Equal(StatusCode.NotFound, unknownJob.Status);
    }

    /// <summary>
    /// A release returns once the daemon has deployed it, so that the command after it finds the
    /// new version; one while no daemon serves the repository says the next one deploys it.
    /// </summary>
    [Fact]
    public async Task A_release_returns_once_the_daemon_has_deployed_it()
    {
        using var sandbox = new Sandbox();
        var data = Path.Combine(sandbox.Root, "daemon");
        var workspace = sandbox.NewWorkspace("deploy-ws");
        await using (var daemon = await StartDaemonAsync(data))
        {
            using var client = Client(daemon, new TokenStore(data).Create("ops", Role.Operator).Secret);
            Sandbox.Write(workspace, "stats", Jobs.Window("stats"));
            Sandbox.Save(workspace, "stats v1");
            var pushed = workspace.Release(daemon.Paths.Repository, token: null, restart: false);

            Assert.True(pushed.Success, pushed.Combined);
            Assert.Contains("dsl: deployed.", pushed.Combined, StringComparison.Ordinal);
            Assert.Equal(1u, (await GetAsync(client, "stats")).Summary.Version);
        }

        Sandbox.Write(workspace, "stats", Jobs.Window("stats", "15m"));
        Sandbox.Save(workspace, "stats v2");
        var offline = workspace.Release(Path.Combine(data, "jobs.git"), token: null, restart: false);
        Assert.True(offline.Success, offline.Combined);
        Assert.Contains("dsl: no daemon serves this repository now; the next one to start deploys the release.", offline.Combined, StringComparison.Ordinal);

        await using var next = await StartDaemonAsync(data);
        using var again = Client(next, new TokenStore(data).Create("ops2", Role.Operator).Secret);
        Assert.Equal(2u, (await GetAsync(again, "stats")).Summary.Version);
    }

    /// <summary>A daemon on loopback with fast release polling, its repository set up as <c>dsl serve</c> sets it up.</summary>
    private static Task<Daemon.Daemon> StartDaemonAsync(string data) => Daemon.Daemon.StartAsync(new DaemonOptions
    {
        DataDirectory = data,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
        ReleasePollInterval = TimeSpan.FromMilliseconds(100),
        ConfigureServer = (server, paths, _) =>
        {
            ReleaseRepository.EnsureCreated(paths.Repository, HookCommand.ForDll(Path.Combine(AppContext.BaseDirectory, "dsl.dll")));
            server.MapReleases(paths.Repository);
        },
    }, NullLoggerFactory.Instance);

    private static ControlChannel Client(Daemon.Daemon daemon, string token) => new(new ConnectionSettings(daemon.Address, token, "test"));

    /// <summary>Saves and releases the job's text through the hooks, and waits until the daemon has deployed that version.</summary>
    private static async Task ReleaseAsync(Daemon.Daemon daemon, ControlChannel client, Workspace workspace, string job, string text, int version)
    {
        Sandbox.Write(workspace, job, text);
        Sandbox.Save(workspace, $"{job} v{version}");
        var pushed = workspace.Release(daemon.Paths.Repository, token: null, restart: false);
        Assert.True(pushed.Success, pushed.Combined);
        var limit = DateTime.UtcNow.AddSeconds(60);
        while ((await client.UnaryAsync(JobsApi.List, new ListJobsRequest())).Jobs.FirstOrDefault(j => j.Name == job)?.Version != version)
        {
            Assert.True(DateTime.UtcNow < limit, $"gave up waiting for {job} v{version}");
            await Task.Delay(50);
        }
    }

    private static async Task<JobDetails> GetAsync(ControlChannel client, string job) =>
        (await client.UnaryAsync(JobsApi.Get, new GetJobRequest { Name = job })).Job;

    /// <summary>The one output of a preview of one Power reading of 1.5.</summary>
    private static async Task<double> PreviewAsync(ControlChannel client, string job, uint version)
    {
        var response = await client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Released = new JobVersionRef { Name = job, Version = version },
            Ndjson = ByteString.CopyFromUtf8("""{"assetId":"a","modelId":"Shared","pointId":"Power","time":1700000000000,"value":1.5}""" + "\n"),
        });
        var output = Assert.Single(response.Outputs);
        Assert.Equal("Doubled", output.PointId);
        return output.Value.NumberValue;
    }
}
