using Dsl.Releases.Git;
using Dsl.Releases.Hooks;
using Dsl.Releases.Repository;
using Dsl.Releases.Workspaces;

namespace Dsl.Releases.Tests;

/// <summary>Releases pushed to DATA/jobs.git by path, validated by the installed hooks.</summary>
public sealed class PathReleaseTests
{
    [Fact]
    public void Valid_push_is_accepted_and_tagged()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.Contains("remote: dsl: release checked: stats", pushed.Error);
        Assert.Contains("remote: dsl: released stats/v1", pushed.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
        var version = Assert.Single(ReleaseHistory.Tags(sandbox.Repository, "stats"));
        Assert.Equal(sandbox.ReleaseCommit(), version.Commit);

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "10-minute", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "second");
        Assert.True(sandbox.Push().Success);
        Assert.Equal(["stats/v1", "stats/v2"], sandbox.Tags());
    }

    /// <summary>
    /// Git moves <c>release</c> before the post-receive hook tags the release; a hook cut off in
    /// between (the machine went down) leaves it untagged, though the daemon counts it as a
    /// version. The next release tags it first, with the number it should have had, so that the
    /// tags and the daemon's versions keep naming the same commits; a job it did not change keeps
    /// its tags.
    /// </summary>
    [Fact]
    public void A_release_its_hook_did_not_tag_is_tagged_by_the_next_one()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Write(sandbox.Workspace, "other", Jobs.Window("other"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);

        // The second release: release moves to it, and no hook runs.
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "10-minute", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "second");
        var second = GitRunner.Check(sandbox.Workspace.Root, ["rev-parse", "HEAD"]).Trim();
        GitRunner.Check(sandbox.Repository, ["fetch", "--quiet", sandbox.Workspace.Root, "HEAD"]);
        GitRunner.Check(sandbox.Repository, ["update-ref", JobPaths.ReleaseRef, second]);
        Assert.Equal(["other/v1", "stats/v1"], sandbox.Tags());

        // The third changes the other job only.
        Sandbox.Write(sandbox.Workspace, "other", Jobs.Window("other").Replace("ten-minute", "10-minute", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "third");
        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.Contains("remote: dsl: released stats/v2", pushed.Error);
        Assert.Equal(["other/v1", "other/v2", "stats/v1", "stats/v2"], sandbox.Tags());
        Assert.Equal(second, ReleaseHistory.Tags(sandbox.Repository, "stats")[0].Commit);
        Assert.Equal(sandbox.ReleaseCommit(), ReleaseHistory.Tags(sandbox.Repository, "other")[0].Commit);
    }

    [Fact]
    public void Broken_push_is_rejected_with_the_diagnostics_and_changes_nothing()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "good");
        Assert.True(sandbox.Push().Success);
        var before = sandbox.ReleaseCommit();

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Broken("stats"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "broken");
        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Matches(@"remote: jobs/stats\.stream\(\d+,\d+\): error DSL\d+: .*NoSuchPoint", pushed.Error);
        Assert.Contains("pre-receive hook declined", pushed.Error);
        Assert.Equal(before, sandbox.ReleaseCommit());
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    /// <summary>
    /// A pusher whose own git configuration names a hooks folder (a hook manager's core.hooksPath)
    /// still gets the release checked: a push over a path runs git with that configuration.
    /// </summary>
    [Fact]
    public void A_pushers_own_hooks_folder_does_not_bypass_the_release_check()
    {
        using var sandbox = new Sandbox();
        var hooks = Directory.CreateDirectory(Path.Combine(sandbox.Root, "my-hooks")).FullName;
        var configuration = Path.Combine(sandbox.Root, "gitconfig");
        File.WriteAllText(configuration, $"[core]\n\thooksPath = {hooks}\n");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Broken("stats"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "broken");

        var pushed = GitRunner.Run(sandbox.Workspace.Root, ["push", sandbox.Repository, "HEAD:release"], environment: new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = configuration });

        Assert.False(pushed.Success);
        Assert.Contains("pre-receive hook declined", pushed.Error);
        Assert.Null(sandbox.ReleaseCommit());
    }

    /// <summary>A pusher who signs tags (tag.gpgSign in their own configuration) still gets the release tagged: the daemon's tags are unsigned.</summary>
    [Fact]
    public void A_pusher_who_signs_tags_gets_the_release_tagged()
    {
        using var sandbox = new Sandbox();
        var configuration = Path.Combine(sandbox.Root, "gitconfig");
        File.WriteAllText(configuration, "[tag]\n\tgpgSign = true\n\tforceSignAnnotated = true\n[gpg]\n\tprogram = false\n");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var pushed = GitRunner.Run(sandbox.Workspace.Root, ["push", sandbox.Repository, "HEAD:release"], environment: new Dictionary<string, string?> { ["GIT_CONFIG_GLOBAL"] = configuration });

        Assert.True(pushed.Success, pushed.Error);
        Assert.DoesNotContain("error", pushed.Error, StringComparison.Ordinal);
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    [Fact]
    public void A_job_file_named_after_another_job_is_rejected_and_not_tagged()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "power", Jobs.Window("power"));
        Sandbox.Write(sandbox.Workspace, "other", Jobs.Window("power"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "a copy of power");

        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Contains("remote: error: jobs/other.stream declares job 'power'; a job file must be named after its job.", pushed.Error);
        Assert.Null(sandbox.ReleaseCommit());
        Assert.Empty(sandbox.Tags());
    }

    [Fact]
    public void A_job_in_a_file_of_jobs_not_named_after_a_job_is_rejected()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Workspace.Root, "jobs", "my-stats.stream"), Jobs.Window("my_stats"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "a job the daemon would never run");

        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Contains("remote: error: jobs/my-stats.stream declares job 'my_stats', but the daemon runs only files named after their job: move it to jobs/my_stats.stream.", pushed.Error);
        Assert.Null(sandbox.ReleaseCommit());
    }

    [Fact]
    public void An_import_from_outside_the_repository_is_rejected_naming_the_path_as_written()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.ImportingFrom("doubler", "../../hostmodel.stream"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "a model from outside");

        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Contains("remote: jobs/doubler.stream(3,8): error DSL2012: The imported file \"../../hostmodel.stream\" was not found at \"jobs/../../hostmodel.stream\".", pushed.Error);
        Assert.Null(sandbox.ReleaseCommit());
    }

    [Fact]
    public void A_broken_model_library_is_rejected_though_no_job_imports_it()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);

        Sandbox.WriteModel(sandbox.Workspace, "lib", Jobs.BrokenModel);
        Sandbox.CommitUnchecked(sandbox.Workspace, "a broken library");
        var before = sandbox.ReleaseCommit();
        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Matches(@"remote: models/lib\.stream\(2,9\): error DSL2008: ", pushed.Error);
        Assert.Equal(before, sandbox.ReleaseCommit());
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    [Fact]
    public void A_cycle_across_two_jobs_is_rejected()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "forward", Jobs.Feed("forward", "A", "B"));
        Sandbox.Save(sandbox.Workspace, "forward");
        Assert.True(sandbox.Push().Success);

        Sandbox.Write(sandbox.Workspace, "backward", Jobs.Feed("backward", "B", "A"));
        Sandbox.CommitUnchecked(sandbox.Workspace, "backward");
        var pushed = sandbox.Push();

        Assert.False(pushed.Success);
        Assert.Contains("remote: error: the jobs of the release form a cycle: backward -> forward -> backward", pushed.Error);
        Assert.Equal(["forward/v1"], sandbox.Tags());
    }

    [Fact]
    public void Racing_pushes_have_one_winner_and_the_other_is_told_to_fetch()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "base");
        Assert.True(sandbox.Push().Success);

        var first = sandbox.Clone("first");
        var second = sandbox.Clone("second");
        Sandbox.Write(first, "one", Jobs.Window("one"));
        Sandbox.Save(first, "one");
        Sandbox.Write(second, "two", Jobs.Window("two"));
        Sandbox.Save(second, "two");

        using var start = new Barrier(2);
        GitResult PushAfterBarrier(Workspace workspace)
        {
            start.SignalAndWait();
            return Sandbox.Push(workspace, sandbox.Repository);
        }
        var results = new[] { first, second }.AsParallel().WithDegreeOfParallelism(2).Select(PushAfterBarrier).ToArray();

        var winner = Assert.Single(results, r => r.Success);
        var loser = Assert.Single(results, r => !r.Success);
        Assert.Matches("fetch first|non-fast-forward|failed to update ref|cannot lock ref|but expected", loser.Error);
        var winnerJob = winner == results[0] ? "one" : "two";
        var loserJob = winnerJob == "one" ? "two" : "one";
        Assert.Equal(new[] { "stats/v1", $"{winnerJob}/v1" }.Order(StringComparer.Ordinal), sandbox.Tags());
        Assert.Equal(Jobs.Window(winnerJob), ReleaseHistory.Source(sandbox.Repository, JobPaths.ReleaseRef, winnerJob));
        Assert.Null(ReleaseHistory.Source(sandbox.Repository, JobPaths.ReleaseRef, loserJob));

        // The loser fetches, merges and retries.
        var loserWorkspace = winnerJob == "one" ? second : first;
        GitRunner.Check(loserWorkspace.Root, ["pull", "--quiet", "--no-rebase", "--no-edit", sandbox.Repository, "release"]);
        Assert.True(Sandbox.Push(loserWorkspace, sandbox.Repository).Success);
        Assert.Contains($"{loserJob}/v1", sandbox.Tags());
    }

    [Fact]
    public void Incompatible_upgrade_is_rejected_naming_the_operators_then_accepted_with_restart()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "10m"));
        Sandbox.Save(sandbox.Workspace, "ten minutes");
        Assert.True(sandbox.Push().Success);
        var before = sandbox.ReleaseCommit();

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "15m"));
        Sandbox.Save(sandbox.Workspace, "fifteen minutes");
        var refused = sandbox.Push();

        Assert.False(refused.Success);
        Assert.Matches("remote: error: job 'stats' cannot be upgraded in place: the state of operators \"[^\"]+\" changed", refused.Error);
        Assert.Equal(before, sandbox.ReleaseCommit());

        var restarted = sandbox.Push(HookRestartOption);
        Assert.True(restarted.Success, restarted.Combined);
        Assert.Contains("dsl: stats cannot keep its state: a running job restarts with empty state, a paused one is stopped with its state cleared.", restarted.Error);
        Assert.Equal(["stats/v1", "stats/v2"], sandbox.Tags());
        Assert.Contains(ReleaseTags.RestartMarker, GitRunner.Check(sandbox.Repository, ["tag", "--list", "--format=%(contents)", "stats/v2"]));
    }

    /// <summary>
    /// A job's state holds its place in its channel's records: moved to the other channel it would
    /// resume at that place in records it never read. So a running job's move is refused as a
    /// change of its state is, and taken with a restart.
    /// </summary>
    [Fact]
    public void A_running_job_moved_to_the_other_channel_is_refused_then_accepted_with_restart()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "realtime");
        Assert.True(sandbox.Push().Success);
        File.WriteAllText(Path.Combine(sandbox.Root, "data", "jobs.json"), """[{ "Name": "stats", "Status": "Running", "Version": 1 }]""");

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("\nmodel Sensor", "\nsettings { channel offline }\n\nmodel Sensor", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "offline");
        var refused = sandbox.Push();

        Assert.False(refused.Success);
        Assert.Contains("remote: error: job 'stats' cannot be upgraded in place (it is running or paused): it moves from the realtime channel to offline, and its state holds its place in realtime's records. Push with `git push -o restart`", refused.Error);
        Assert.True(sandbox.Push(HookRestartOption).Success);
    }

    /// <summary>
    /// A forced push of an older commit would rewind the release: refused first as that, not
    /// with the verdicts the jobs of a push that changes nothing would get (what it restarts or
    /// stops), which would send the pusher to `-o restart` for nothing.
    /// </summary>
    [Fact]
    public void A_push_that_would_rewind_the_release_is_refused_as_a_rewind_before_any_job_verdict()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "10m"));
        Sandbox.Save(sandbox.Workspace, "ten minutes");
        Assert.True(sandbox.Push().Success);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "15m"));
        Sandbox.Save(sandbox.Workspace, "fifteen minutes");
        Assert.True(sandbox.Push(HookRestartOption).Success);
        var released = sandbox.ReleaseCommit();

        var rewound = GitRunner.Run(sandbox.Workspace.Root, ["push", "--force", "-o", HookRestartOption, sandbox.Repository, "HEAD~1:release"]);

        Assert.False(rewound.Success);
        Assert.Contains($"remote: error: the push would rewind the 'release' branch: its commit {released![..7]} is not in the history pushed.", rewound.Error);
        Assert.DoesNotContain("cannot keep", rewound.Error);
        Assert.DoesNotContain("cannot be upgraded", rewound.Error);
        Assert.Equal(released, sandbox.ReleaseCommit());
    }

    private const string HookRestartOption = "restart";

    /// <summary>A model file whose name is not ASCII (nor free of spaces) is found by the release as by dsl save.</summary>
    [Fact]
    public void An_import_of_a_model_file_with_a_non_ascii_name_is_released()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "énergie partagée", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.ImportingFrom("doubler", "../models/énergie partagée.stream"));
        Sandbox.Save(sandbox.Workspace, "first");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Error);
        Assert.Equal(["doubler/v1"], sandbox.Tags());
    }

    [Fact]
    public void Changing_a_shared_model_releases_every_job_that_imports_it()
    {
        using var sandbox = new Sandbox();
        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel);
        Sandbox.Write(sandbox.Workspace, "doubler", Jobs.Importing("doubler"));
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);

        Sandbox.WriteModel(sandbox.Workspace, "shared", Jobs.SharedModel.Replace("ai Doubled kW", "ai Doubled kW\n  ai Spare", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "model");
        Assert.True(sandbox.Push().Success);

        Assert.Equal(["doubler/v1", "doubler/v2", "stats/v1"], sandbox.Tags());
    }

    [Fact]
    public void A_hard_lock_refuses_another_users_release_and_lets_the_holder_release()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");
        Assert.True(sandbox.Push().Success);
        Workspace.LockAtPath(sandbox.Repository, "stats", hard: true);   // DSL_USER=alice

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("ten-minute", "bob's", StringComparison.Ordinal));
        Sandbox.Save(sandbox.Workspace, "bob's change");
        var refused = Sandbox.Push(sandbox.Workspace, sandbox.Repository, user: "bob");

        Assert.False(refused.Success);
        Assert.Contains("remote: error: job 'stats' is hard-locked by alice", refused.Error);
        Assert.True(Sandbox.Push(sandbox.Workspace, sandbox.Repository, user: "alice").Success);
        Assert.True(Workspace.UnlockAtPath(sandbox.Repository, "stats", force: false));
    }

    [Fact]
    public void Only_the_release_branch_can_be_pushed()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats"));
        Sandbox.Save(sandbox.Workspace, "first");

        var pushed = GitRunner.Run(sandbox.Workspace.Root, ["push", sandbox.Repository, "HEAD:refs/tags/stats/v9"]);

        Assert.False(pushed.Success);
        Assert.Contains("only the 'release' branch can be pushed", pushed.Error);
        Assert.Empty(sandbox.Tags());
    }

    [Theory]
    [InlineData("Stopped", true)]
    [InlineData("Running", false)]
    [InlineData("Paused", false)]
    public void Only_a_job_holding_state_needs_compatible_fingerprints(string status, bool accepted)
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "10m"));
        Sandbox.Save(sandbox.Workspace, "ten minutes");
        Assert.True(sandbox.Push().Success);
        // The daemon's record of its jobs, beside DATA/jobs.git.
        File.WriteAllText(Path.Combine(sandbox.Root, "data", "jobs.json"), $$"""[{ "Name": "stats", "Status": "{{status}}", "Version": 1 }]""");

        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats", "15m"));
        Sandbox.Save(sandbox.Workspace, "fifteen minutes");
        var pushed = sandbox.Push();

        Assert.Equal(accepted, pushed.Success);
        if (!accepted)
            Assert.Contains("cannot be upgraded in place (it is running or paused)", pushed.Error);
    }

    [Fact]
    public void An_accepted_release_shows_the_warnings_and_names_alarm_channels_the_daemon_lacks()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Root, "data", "config.json"), """{ "alarms": { "ops": { "webhook": "http://127.0.0.1:9/hook" }, "broken": { "webhok": "http://127.0.0.1:9/hook" }, "relay": { "webhook": "ftp://127.0.0.1/hook" } } }""");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats").Replace("  ai ValueAvg\n", "  ai ValueAvg\n  ai Spare: double\n", StringComparison.Ordinal)
            + """
            alarm {
              on stopped notify "ops", "opss", "broken", "relay"
            }

            """);
        Sandbox.Save(sandbox.Workspace, "with an alarm");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.Contains("remote: jobs/stats.stream(", pushed.Error);
        Assert.Contains("warning DSL2", pushed.Error);
        Assert.Contains("\"Spare\"", pushed.Error);
        Assert.Contains("remote: jobs/stats.stream: warning: alarm channel 'opss' is not configured in the daemon's config.json (configured: ops)", pushed.Error);
        Assert.DoesNotContain("channel 'ops' is not", pushed.Error);
        // There, but written wrong: "webhok", and a scheme the daemon does not post to.
        Assert.Contains("remote: jobs/stats.stream: warning: alarm channel 'broken' is written wrong in the daemon's config.json: it has neither \"webhook\" nor \"email\"; until it is mended", pushed.Error);
        Assert.Contains("alarm channel 'relay' is written wrong in the daemon's config.json: \"webhook\" is not an http:// or https:// URL (\"ftp://127.0.0.1/hook\")", pushed.Error);
        Assert.Equal(["stats/v1"], sandbox.Tags());
    }

    /// <summary>
    /// An e-mail channel every alarm to which would fail (a "tls" the daemon does not know, an "smtp"
    /// without a port number, no recipients) is warned of as written wrong, with what the daemon
    /// would report, not taken for a configured channel.
    /// </summary>
    [Fact]
    public void An_email_channel_the_daemon_cannot_send_to_is_warned_of_as_written_wrong()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Root, "data", "config.json"), """
            { "alarms": {
                "oncall": { "email": { "smtp": "mail.example.com:587", "from": "dsl@example.com", "to": ["oncall@example.com"], "tls": "startls" } },
                "relay": { "email": { "smtp": "mail.example.com:smtp", "from": "dsl@example.com", "to": ["ops@example.com"] } },
                "nobody": { "email": { "smtp": "127.0.0.1:25", "from": "dsl@localhost", "to": [] } },
                "local": { "email": { "smtp": "127.0.0.1:25", "from": "dsl@localhost", "to": ["ops@example.com"], "tls": "none" } } } }
            """);
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats") + """
            alarm {
              on stopped notify "oncall", "relay", "nobody", "local"
            }

            """);
        Sandbox.Save(sandbox.Workspace, "with an alarm");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.Contains("remote: jobs/stats.stream: warning: alarm channel 'oncall' is written wrong in the daemon's config.json: \"tls\": \"startls\" is not one of auto, starttls, implicit, none; until it is mended", pushed.Error);
        Assert.Contains("warning: alarm channel 'relay' is written wrong in the daemon's config.json: \"smtp\": \"mail.example.com:smtp\" does not end in a port number (HOST:PORT)", pushed.Error);
        Assert.Contains("warning: alarm channel 'nobody' is written wrong in the daemon's config.json: the e-mail channel has no recipients", pushed.Error);
        Assert.DoesNotContain("channel 'local'", pushed.Error);
    }

    [Fact]
    public void An_alarms_section_that_is_not_an_object_is_named_by_the_channel_warning()
    {
        using var sandbox = new Sandbox();
        File.WriteAllText(Path.Combine(sandbox.Root, "data", "config.json"), """{ "alarms": [{ "ops": { "webhook": "http://127.0.0.1:9/hook" } }] }""");
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats") + """
            alarm {
              on stopped notify "ops"
            }

            """);
        Sandbox.Save(sandbox.Workspace, "with an alarm");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.Contains("remote: jobs/stats.stream: warning: alarm channel 'ops' is not configured: the daemon's config.json is written wrong "
            + "(its \"alarms\" is an array, not an object that names the channels)", pushed.Error);
    }

    [Fact]
    public void A_repository_without_a_daemon_gives_no_channel_warnings()
    {
        using var sandbox = new Sandbox();
        Sandbox.Write(sandbox.Workspace, "stats", Jobs.Window("stats") + """
            alarm {
              on stopped notify "ops"
            }

            """);
        Sandbox.Save(sandbox.Workspace, "with an alarm");

        var pushed = sandbox.Push();

        Assert.True(pushed.Success, pushed.Combined);
        Assert.DoesNotContain("alarm channel", pushed.Error);
    }
}
