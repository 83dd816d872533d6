using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Tests;

/// <summary>Releases over git's smart HTTP at /git/jobs.git, and the Releases rpcs.</summary>
public sealed class HttpReleaseTests
{
    [Fact]
    public async Task Push_over_http_with_an_admin_token_is_validated_and_tagged()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        var workspace = sandbox.Workspace;
        Sandbox.Write(workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(workspace, "first");

        var released = await Task.Run(() => workspace.Release(http.GitUrl, http.Admin.Secret, restart: false));

        Assert.True(released.Success, released.Combined);
        Assert.Contains("remote: dsl: released stats/v1", released.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
        // The tag names the token that pushed (REMOTE_USER), not the local user.
        Assert.Equal("alice", Assert.Single(ReleaseHistory.Tags(sandbox.Repository, "stats")).ReleasedBy);

        Sandbox.Write(workspace, "stats", Jobs.Broken("stats"));
        Sandbox.CommitUnchecked(workspace, "broken");
        var refused = await Task.Run(() => workspace.Release(http.GitUrl, http.Admin.Secret, restart: false));

        Assert.False(refused.Success);
        Assert.Matches(@"remote: jobs/stats\.stream\(\d+,\d+\): error DSL\d+", refused.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    [Fact]
    public async Task Push_over_http_without_a_token_or_with_a_viewer_token_is_refused()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var anonymous = await Task.Run(() => sandbox.Workspace.Release(http.GitUrl, token: null, restart: false));
        var viewer = await Task.Run(() => sandbox.Workspace.Release(http.GitUrl, http.Viewer.Secret, restart: false));

        Assert.False(anonymous.Success);
        Assert.Matches("401|Authentication failed|could not read Username", anonymous.Error);
        Assert.False(viewer.Success);
        Assert.Contains("403", viewer.Error);
        Assert.Null(sandbox.ReleaseCommit());

        using var client = new HttpClient();
        var response = await client.GetAsync(http.GitUrl + "/info/refs?service=git-receive-pack");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_fetches_and_reverts_over_http()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Sandbox.Write(sandbox.Workspace, "stats", "edited locally\n");

        await Task.Run(() => sandbox.Workspace.Revert("stats", http.GitUrl, http.Viewer.Secret));

        Assert.Equal(Jobs.Window("stats"), File.ReadAllText(sandbox.Workspace.JobFile("stats")));
        Assert.Contains(sandbox.Workspace.Log("stats"), e => e.Tags.Contains("stats/v1"));
    }

    [Fact]
    public async Task Releases_rpcs_list_versions_read_sources_diff_and_lock()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "renamed", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "second");
        Assert.True(sandbox.Push().Success);
        using var viewer = http.Channel(http.Viewer);
        using var alice = http.Channel(http.Admin);
        using var bob = http.Channel(http.OtherAdmin);

        var versions = await viewer.UnaryAsync(ReleasesApi.ListVersions, new ListVersionsRequest { Job = "stats" });
        Assert.Equal([2u, 1u], versions.Versions.Select(v => v.Version));
        Assert.True(versions.Versions[0].Online);
        Assert.Equal("second", versions.Versions[0].Message);

        var online = await viewer.UnaryAsync(ReleasesApi.GetSource, new GetSourceRequest { Ref = new JobVersionRef { Name = "stats" } });
        Assert.Equal(2u, online.Version);
        Assert.Equal("jobs/stats.stream", online.Path);
        Assert.Contains("renamed", online.Text);

        var diff = await viewer.UnaryAsync(ReleasesApi.Diff, new DiffRequest { From = new JobVersionRef { Name = "stats", Version = 1 }, ToVersion = 2 });
        Assert.Contains("+job stats \"renamed statistics\"", diff.UnifiedDiff);
        // Context beyond the file's length is the whole file, however large a number the client sends.
        var whole = await viewer.UnaryAsync(ReleasesApi.Diff, new DiffRequest { From = new JobVersionRef { Name = "stats", Version = 1 }, ToVersion = 2, ContextLines = 10_000 });
        var huge = await viewer.UnaryAsync(ReleasesApi.Diff, new DiffRequest { From = new JobVersionRef { Name = "stats", Version = 1 }, ToVersion = 2, ContextLines = uint.MaxValue });
        Assert.Equal(whole.UnifiedDiff, huge.UnifiedDiff);
        var revert = await viewer.UnaryAsync(ReleasesApi.Revert, new RevertRequest { Ref = new JobVersionRef { Name = "stats", Version = 1 } });
        Assert.Equal(Jobs.Window("stats"), revert.Text);

        var missing = await Assert.ThrowsAsync<RpcException>(() => viewer.UnaryAsync(ReleasesApi.ListVersions, new ListVersionsRequest { Job = "nothing" }));
        Assert.Equal(StatusCode.NotFound, missing.Status);

        // A version past int.MaxValue, which the proto's uint32 holds, is not found and named as sent.
        foreach (uint big in new[] { uint.MaxValue, 2_147_483_648u })
        {
            var none = await Assert.ThrowsAsync<RpcException>(() => viewer.UnaryAsync(ReleasesApi.Revert, new RevertRequest { Ref = new JobVersionRef { Name = "stats", Version = big } }));
            Assert.Equal((StatusCode.NotFound, $"job 'stats' has no version {big}."), (none.Status, none.Message));
        }

        // A request without the version it is about is a bad request, not a server failure.
        foreach (Func<Task> call in new Func<Task>[]
        {
            () => viewer.UnaryAsync(ReleasesApi.GetSource, new GetSourceRequest()),
            () => viewer.UnaryAsync(ReleasesApi.Diff, new DiffRequest { ToVersion = 2 }),
            () => viewer.UnaryAsync(ReleasesApi.Revert, new RevertRequest()),
        })
        {
            var bad = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, bad.Status);
            Assert.Matches("^(ref|from) is required", bad.Message);
        }
        var denied = await Assert.ThrowsAsync<RpcException>(() => viewer.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats" }));
        Assert.Equal(StatusCode.PermissionDenied, denied.Status);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => alice.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "nosuch" }));
        Assert.Equal((StatusCode.NotFound, "job 'nosuch' has never been released."), (unknown.Status, unknown.Message));

        var taken = await alice.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats", Hard = true });
        Assert.Equal("alice", taken.Lock.Holder);
        var conflict = await Assert.ThrowsAsync<RpcException>(() => bob.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats" }));
        Assert.Equal(StatusCode.FailedPrecondition, conflict.Status);

        // Bob's release over HTTP is refused by the hook while alice holds the hard lock.
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "bob's", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "bob");
        var refused = await Task.Run(() => sandbox.Workspace.Release(http.GitUrl, http.OtherAdmin.Secret, restart: false));
        Assert.False(refused.Success);
        Assert.Contains("remote: error: job 'stats' is hard-locked by alice", refused.Error);

        Assert.True((await alice.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "stats" })).WasLocked);
        var accepted = await Task.Run(() => sandbox.Workspace.Release(http.GitUrl, http.OtherAdmin.Secret, restart: false));
        Assert.True(accepted.Success, accepted.Combined);
        Assert.Contains("stats/v3", GitRunner.Check(sandbox.Repository, ["tag", "--list"]));
    }

    [Fact]
    public async Task A_diff_against_sent_text_holding_a_NUL_shows_the_change()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        using var viewer = http.Channel(http.Viewer);

        // A NUL makes git take a file for binary ("Binary files differ", no hunk); the sides still differ.
        string edited = Jobs.Window("stats").Replace("ten-minute", "ten\0minute", StringComparison.Ordinal);
        var diff = await viewer.UnaryAsync(ReleasesApi.Diff, new DiffRequest { From = new JobVersionRef { Name = "stats" }, ToText = edited });

        Assert.StartsWith("--- stats/v1\n+++ workspace\n@@ ", diff.UnifiedDiff);
        Assert.Contains("-job stats \"ten-minute statistics\"", diff.UnifiedDiff);
        Assert.Contains("+job stats \"ten\0minute statistics\"", diff.UnifiedDiff);
    }

    [Fact]
    public async Task A_damaged_locks_file_fails_lock_unlock_and_releases_naming_it()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        string file = Path.Combine(sandbox.Repository, "dsl-locks.json");
        File.WriteAllText(file, "[{\"Job\":\"stats\",\n");
        using var alice = http.Channel(http.Admin);
        string expected = $"{Path.GetFullPath(file)}: the editing locks cannot be read: not valid JSON at line 2, column 1: ";

        foreach (Func<Task> call in new Func<Task>[]
        {
            () => alice.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats" }),
            () => alice.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "stats" }),
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.FailedPrecondition, error.Status);
            Assert.StartsWith(expected, error.Message);
            Assert.EndsWith("; mend the file, or delete it to drop every lock.", error.Message);
        }

        // A release cannot tell whether a hard lock refuses it: refused, saying why, not with a crash.
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "renamed", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "second");
        var refused = await Task.Run(() => sandbox.Workspace.Release(http.GitUrl, http.Admin.Secret, restart: false));
        Assert.False(refused.Success);
        Assert.Contains("remote: error: " + expected, refused.Error);
        Assert.DoesNotContain("internal error", refused.Error);

        // Every entry needs a job and a holder; one without is as unreadable as broken JSON.
        File.WriteAllText(file, "[{\"Job\":\"stats\"}]");
        var partial = await Assert.ThrowsAsync<RpcException>(() => alice.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats" }));
        Assert.Equal(StatusCode.FailedPrecondition, partial.Status);
        Assert.Matches(
            $"^{System.Text.RegularExpressions.Regex.Escape(Path.GetFullPath(file))}: the editing locks cannot be read: not a list of locks at line 1, column [0-9]+: each entry holds Job, Holder, Hard and Since; mend the file, or delete it to drop every lock\\.$",
            partial.Message);

        // A null entry and a job given twice, which the serializer lets through, are as unreadable.
        const string Entry = "{\"Job\":\"stats\",\"Holder\":\"bob\",\"Hard\":false,\"Since\":\"2026-01-05T10:00:00+00:00\"}";
        foreach (var (text, problem) in new[]
        {
            ("[" + Entry + ",null]", "entry 2 is null, not a lock: each entry holds Job, Holder, Hard and Since"),
            ("[" + Entry + "," + Entry + "]", "the job 'stats' has two entries, and a job has one lock at most"),
        })
        {
            File.WriteAllText(file, text);
            var damaged = await Assert.ThrowsAsync<RpcException>(() => alice.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "stats", Force = true }));
            Assert.Equal((StatusCode.FailedPrecondition, $"{Path.GetFullPath(file)}: the editing locks cannot be read: {problem}; mend the file, or delete it to drop every lock."), (damaged.Status, damaged.Message));
        }

        File.Delete(file);
        Assert.Equal("alice", (await alice.UnaryAsync(ReleasesApi.Lock, new LockRequest { Job = "stats" })).Lock.Holder);
    }

    /// <summary>
    /// A lock under a name no job can have (an entry written by hand) can be removed like any other;
    /// a name that is neither held nor a job name is still a bad argument.
    /// </summary>
    [Fact]
    public async Task Unlock_removes_a_lock_whose_name_is_no_job_name()
    {
        using var sandbox = new Sandbox();
        await using var http = await HttpServer.StartAsync(sandbox);
        string file = Path.Combine(sandbox.Repository, "dsl-locks.json");
        File.WriteAllText(file, "[{\"Job\":\"my-job\",\"Holder\":\"bob\",\"Hard\":true,\"Since\":\"2026-01-05T10:00:00+00:00\"}]");
        using var alice = http.Channel(http.Admin);

        var removed = await alice.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "my-job", Force = true });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => alice.UnaryAsync(ReleasesApi.Unlock, new UnlockRequest { Job = "my-job" }));

        Assert.True(removed.WasLocked);
        Assert.Equal("[]", File.ReadAllText(file).Trim());
        Assert.Equal((StatusCode.InvalidArgument, "'my-job' is not a job name."), (unknown.Status, unknown.Message));
    }
}
