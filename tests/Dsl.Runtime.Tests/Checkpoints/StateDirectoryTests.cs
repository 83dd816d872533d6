using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.Tests.HandWrittenJobs;
using Dsl.Runtime.Tests.Oracles;
using Dsl.Runtime.Tests.Support;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// Damaged, truncated and foreign state: a run falls back to the previous checkpoint when the
/// latest one is damaged, and otherwise stops with a DSL5xxx error; it never resumes from state
/// it cannot trust.
/// </summary>
public sealed class StateDirectoryTests
{
    private static readonly List<TestRecord> Records = Generate();

    public static TheoryData<string> Damages { get; } =
    [
        "runtime.bin with a flipped byte",
        "checkpoint.json truncated",
        "FASTER snapshot with a flipped byte",
        "FASTER index missing",
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void A_damaged_latest_checkpoint_falls_back_to_the_previous_one_and_the_output_stays_exact(string damage)
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        RunWithTwoCheckpoints(temp.Path, output, first: 300, second: 600);
        Damage(temp.Path, Latest(temp.Path), damage);

        using (var resumed = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData))
        {
            Assert.Equal(300, resumed.Next);
            Assert.Contains(resumed.Host.Warnings, w => w.Contains("DSL5002", StringComparison.Ordinal));
            resumed.Feed(Records, resumed.Next, Records.Count);
            resumed.Host.Complete(DurableHarness.At(Records.Count));
        }

        CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), Records, OracleAssets.MasterData), output, damage);
    }

    /// <summary>
    /// The counters read without opening the state are those a resume restores: the latest
    /// checkpoint's, or, when its manifest is damaged, the previous one's.
    /// </summary>
    [Fact]
    public void The_committed_counters_are_those_a_resume_restores()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        Assert.Null(CommittedCounters.Read(temp.Path));
        RunWithTwoCheckpoints(temp.Path, output, first: 300, second: 600);

        IReadOnlyDictionary<string, long>? latest = CommittedCounters.Read(temp.Path);
        Damage(temp.Path, Latest(temp.Path), "checkpoint.json truncated");
        IReadOnlyDictionary<string, long>? previous = CommittedCounters.Read(temp.Path);

        Assert.NotNull(latest);
        Assert.NotEqual(latest, previous);
        using var resumed = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData);
        Assert.Equal(300, resumed.Next);
        Assert.Equal(resumed.Host.Session.Counters.ToDictionary(), previous);
    }

    [Fact]
    public void A_damaged_pointer_file_is_replaced_by_the_newest_intact_checkpoint()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        RunWithTwoCheckpoints(temp.Path, output, first: 300, second: 600);
        File.WriteAllText(Path.Combine(temp.Path, "CURRENT"), "{\"format\":1,\"current\":");

        using var resumed = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData);
        Assert.Equal(600, resumed.Next);
        Assert.Contains(resumed.Host.Warnings, w => w.Contains("CURRENT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_pointer_file_beside_checkpoints_resumes_from_the_newest_intact_one_with_a_warning()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        RunWithTwoCheckpoints(temp.Path, output, first: 300, second: 600);
        File.Delete(Path.Combine(temp.Path, "CURRENT"));

        using var resumed = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData);
        Assert.Equal(600, resumed.Next);
        Assert.Contains(resumed.Host.Warnings, w => w.Contains("DSL5002", StringComparison.Ordinal) && w.Contains("CURRENT is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void When_no_checkpoint_is_intact_the_run_stops_with_DSL5001_naming_the_files()
    {
        using var temp = new TempDirectory();
        RunWithTwoCheckpoints(temp.Path, [], first: 300, second: 600);
        foreach (string folder in Directory.GetDirectories(Path.Combine(temp.Path, "checkpoints")))
        {
            Damage(temp.Path, folder, "runtime.bin with a flipped byte");
        }

        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, [], OracleAssets.MasterData));
        Assert.Equal("DSL5001", error.Code);
        Assert.Contains("runtime.bin", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A store holding committed state with <c>CURRENT</c> and every checkpoint folder gone is
    /// damaged: starting over would rewrite the output and drop that state without a word.
    /// </summary>
    [Fact]
    public void A_store_whose_checkpoints_are_all_gone_stops_with_DSL5001_saying_what_is_missing()
    {
        using var temp = new TempDirectory();
        RunWithTwoCheckpoints(temp.Path, [], first: 300, second: 600);
        File.Delete(Path.Combine(temp.Path, "CURRENT"));
        foreach (string folder in Directory.GetDirectories(Path.Combine(temp.Path, "checkpoints")))
        {
            Directory.Delete(folder, recursive: true);
        }

        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, [], OracleAssets.MasterData));
        Assert.Equal("DSL5001", error.Code);
        Assert.Contains($"{Path.Combine(temp.Path, "store")} holds checkpointed state", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(temp.Path, "CURRENT")} is missing and no checkpoint folder is left in {Path.Combine(temp.Path, "checkpoints")}", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp.Path, "store"), "*", SearchOption.AllDirectories));
    }

    /// <summary>
    /// What a run stopped before its first commit leaves is no damage: a store without a FASTER
    /// checkpoint (stopped before any), or with one beside the staging folder of the commit a crash
    /// interrupted. The rerun starts over, as it has nothing to resume.
    /// </summary>
    [Fact]
    public void A_run_stopped_before_its_first_commit_starts_over()
    {
        using var temp = new TempDirectory();
        using (var run = new DurableHarness(Job(), temp.Path, [], OracleAssets.MasterData))
        {
            run.Feed(Records, 0, 300);
        }

        using (var rerun = new DurableHarness(Job(), temp.Path, [], OracleAssets.MasterData))
        {
            Assert.False(rerun.Host.Resumed);
            rerun.Host.Checkpoint(DurableHarness.At(0));
        }

        // A crash in the first commit, after FASTER's checkpoint and before the folder was renamed into place.
        string checkpoints = Path.Combine(temp.Path, "checkpoints");
        File.Delete(Path.Combine(temp.Path, "CURRENT"));
        Directory.Move(Path.Combine(checkpoints, "00000001"), Path.Combine(checkpoints, ".staging-00000001"));
        using var interrupted = new DurableHarness(Job(), temp.Path, [], OracleAssets.MasterData);
        Assert.False(interrupted.Host.Resumed);
        Assert.Equal(0, interrupted.Next);
    }

    [Fact]
    public void A_checkpoint_interrupted_before_its_commit_is_ignored()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        RunWithTwoCheckpoints(temp.Path, output, first: 300, second: 600);

        // What a crash during the third checkpoint leaves: a staging folder and a renamed but uncommitted one.
        string checkpoints = Path.Combine(temp.Path, "checkpoints");
        Directory.CreateDirectory(Path.Combine(checkpoints, ".staging-00000003"));
        File.WriteAllText(Path.Combine(checkpoints, ".staging-00000003", "runtime.bin"), "partial");
        using (var resumed = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData))
        {
            Assert.Equal(600, resumed.Next);
            Assert.Empty(resumed.Host.Warnings);
            resumed.Feed(Records, 600, Records.Count);
            resumed.Host.Complete(DurableHarness.At(Records.Count));
        }

        Assert.False(Directory.Exists(Path.Combine(checkpoints, ".staging-00000003")));
        Assert.Equal(2, Directory.GetDirectories(checkpoints).Length);
        CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), Records, OracleAssets.MasterData), output, "after an interrupted checkpoint");
    }

    [Fact]
    public void A_directory_with_other_files_is_refused_with_DSL5011()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("notes.txt"), "mine");
        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, []));
        Assert.Equal("DSL5011", error.Code);
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An entry with a run's name but not of the kind a run writes (a folder CURRENT or LOCK, a file
    /// checkpoints) is no run's either: DSL5011, not the system's "Is a directory" or "permission denied".
    /// </summary>
    [Theory]
    [InlineData("CURRENT", true)]
    [InlineData("LOCK", true)]
    [InlineData("checkpoints", false)]
    [InlineData("store", false)]
    public void A_run_s_entry_of_the_wrong_kind_is_refused_with_DSL5011(string name, bool folder)
    {
        using var temp = new TempDirectory();
        if (folder)
            Directory.CreateDirectory(temp.Combine(name));
        else
            File.WriteAllText(temp.Combine(name), "mine");

        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, []));

        Assert.Equal("DSL5011", error.Code);
        Assert.Contains($"it holds \"{name}\", which a run did not write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_of_another_job_is_refused_with_DSL5003()
    {
        using var temp = new TempDirectory();
        RunWithTwoCheckpoints(temp.Path, [], first: 100, second: 200);
        var error = Assert.Throws<StateException>(() => new DurableHarness(new TurbineKpisJob(), temp.Path, []));
        Assert.Equal("DSL5003", error.Code);
    }

    [Fact]
    public void A_state_directory_in_use_is_refused_with_DSL5009()
    {
        using var temp = new TempDirectory();
        using var first = new DurableHarness(Job(), temp.Path, []);
        var error = Assert.Throws<StateException>(() => new DurableHarness(Job(), temp.Path, []));
        Assert.Equal("DSL5009", error.Code);
    }

    /// <summary>
    /// A lock file that cannot be opened for another reason than a run holding it (here a link to
    /// itself; a read-only disk is the same) is not reported as a directory in use by another run:
    /// the system's own reason names the file.
    /// </summary>
    [Fact]
    public void A_lock_that_cannot_be_opened_is_not_called_in_use_by_another_run()
    {
        using var temp = new TempDirectory();
        string lockFile = Path.Combine(temp.Path, CheckpointDirectory.LockFile);
        File.CreateSymbolicLink(lockFile, lockFile);

        var error = Assert.ThrowsAny<IOException>(() => new DurableHarness(Job(), temp.Path, []));
        Assert.Contains(lockFile, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_incompatible_job_version_is_refused_naming_the_operators_whose_state_changed()
    {
        using var temp = new TempDirectory();
        using (var run = new DurableHarness(new TurbineKpisJob(), temp.Path, []))
        {
            run.Host.Checkpoint(DurableHarness.At(0));
        }

        JobManifest changed = Version("4b1d2e0", TurbineKpisJob.StaticManifest.Operators.Select(o => o.Name == "aggregate0.ActivePower" ? o with { Fingerprint = "w0:tumbling(900000)" } : o));
        var error = Assert.Throws<StateException>(() => new DurableHarness(new VersionedJob(changed), temp.Path, []));
        Assert.Equal("DSL5004", error.Code);
        Assert.Contains("\"aggregate0.ActivePower\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("merge0", error.Message, StringComparison.Ordinal);

        // Same fingerprints, a new version string and an added operator: the state is kept.
        JobManifest compatible = Version("5c2e3f1", TurbineKpisJob.StaticManifest.Operators.Append(new OperatorManifest("merge1", "merge", "m1:on(6)")));
        using var upgraded = new DurableHarness(new VersionedJob(compatible), temp.Path, []);
        Assert.True(upgraded.Host.Resumed);
    }

    [Fact]
    public void Compatibility_names_changed_added_and_removed_operators()
    {
        JobManifest before = TurbineKpisJob.StaticManifest;
        JobManifest after = Version("x", before.Operators.Skip(1).Select(o => o.Name == "energy0" ? o with { Fingerprint = "e0:meter split" } : o).Append(new OperatorManifest("merge9", "merge", "m9")));
        StateCompatibility result = DurableJobHost.CheckCompatibility(before, after);

        Assert.False(result.IsCompatible);
        Assert.Equal(["energy0"], result.Changed);
        Assert.Equal(["merge9"], result.Added);
        Assert.Equal(["merge0"], result.Removed);
        Assert.True(DurableJobHost.CheckCompatibility(before, before).IsCompatible);
    }

    [Fact]
    public void Pause_resume_and_stop_keep_or_clear_state_and_position()
    {
        using var temp = new TempDirectory();
        var output = new List<Emitted>();
        using (var run = new DurableHarness(Job(), temp.Path, output, OracleAssets.MasterData))
        {
            run.Feed(Records, 0, 500);
            CheckpointInfo paused = run.Host.Pause(DurableHarness.At(500));
            Assert.True(run.Host.IsPaused);
            Assert.Equal(500, paused.Input.Offset);

            run.Host.Resume();
            Assert.False(run.Host.IsPaused);
            Assert.Equal(500, run.Next);
            run.Feed(Records, 500, Records.Count);
            run.Host.Complete(DurableHarness.At(Records.Count));
            CheckpointEquivalence.AssertSame(JobHarness.Run(Job(), Records, OracleAssets.MasterData), output, "pause and resume");

            run.Host.Stop();
            Assert.False(run.Host.Resumed);
            Assert.False(run.Host.IsCompleted);
            Assert.Equal(0, run.Next);
            Assert.Empty(output);
            Assert.Equal(0, run.Host.Session.Assets.Count);
        }
    }

    private static CompiledJob Job() => new OracleAggregateJob(new WindowOptions(WindowSpec.Tumbling(10 * Minute), LatenessMs: 5 * Minute));

    private static void RunWithTwoCheckpoints(string directory, List<Emitted> output, int first, int second)
    {
        using var run = new DurableHarness(Job(), directory, output, OracleAssets.MasterData);
        run.Feed(Records, 0, first);
        run.Host.Checkpoint(DurableHarness.At(first));
        run.Feed(Records, first, second);
        run.Host.Checkpoint(DurableHarness.At(second));
        run.Feed(Records, second, Math.Min(Records.Count, second + 50));
    }

    private static string Latest(string directory) =>
        Directory.GetDirectories(Path.Combine(directory, "checkpoints")).Order(StringComparer.Ordinal).Last();

    private static void Damage(string directory, string checkpoint, string damage)
    {
        string manifest = File.ReadAllText(Path.Combine(checkpoint, "checkpoint.json"));
        string token = System.Text.RegularExpressions.Regex.Match(manifest, "\"storeToken\": \"([0-9a-f-]+)\"").Groups[1].Value;
        string store = Path.Combine(directory, "store", "checkpoints");
        switch (damage)
        {
            case "runtime.bin with a flipped byte":
                Flip(Path.Combine(checkpoint, "runtime.bin"));
                break;
            case "checkpoint.json truncated":
                File.WriteAllText(Path.Combine(checkpoint, "checkpoint.json"), manifest[..(manifest.Length / 2)]);
                break;
            case "FASTER snapshot with a flipped byte":
                Flip(Path.Combine(store, "cpr-checkpoints", token, "snapshot.dat.0"));
                break;
            default:
                File.Delete(Path.Combine(store, "index-checkpoints", token, "ht.dat.0"));
                break;
        }
    }

    private static void Flip(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }

    private static JobManifest Version(string version, IEnumerable<OperatorManifest> operators) =>
        TurbineKpisJob.StaticManifest with { Version = version, Operators = [.. operators] };

    private static List<TestRecord> Generate()
    {
        var random = new Random(5);
        var series = new List<TestRecord>();
        foreach (string asset in OracleAssets.Ids)
        {
            series.AddRange(StreamGenerator.Series(random, asset, OracleModel.Power, At("2026-01-05T00:00:00Z"), At("2026-01-05T06:00:00Z"), Minute / 2, 2 * Minute, StreamGenerator.PowerValue));
        }

        return StreamGenerator.Arrive(random, series, delayedShare: 0.1, maxDelay: 8 * Minute, veryLateShare: 0.01, veryLateDelay: Hour);
    }

    /// <summary>The turbine job under another manifest: what a recompiled version looks like to the runtime.</summary>
    private sealed class VersionedJob(JobManifest manifest) : CompiledJob
    {
        public override JobManifest Manifest => manifest;

        public override JobInstance CreateInstance(JobContext context) => new TurbineKpisJob().CreateInstance(context);
    }
}
