using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.State;

namespace Dsl.Benchmarks;

/// <summary>
/// A checkpoint of a store with 1M keys, all changed since the last one: write-back of every
/// entry into FASTER and a full snapshot checkpoint (index + log). Target: under 1 s.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CheckpointBenchmarks
{
    private string _directory = string.Empty;
    private FasterStateStore? _store;

    [Params(1_000_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = StateFixture.NewDirectory();
        _store = FasterStateStore.Create(_directory, StateFixture.LargeBudget);
    }

    [IterationSetup]
    public void Change() => StateFixture.Fill(_store ?? throw new InvalidOperationException(), Keys, round: 0);

    /// <summary>The store's part: write-back of every changed entry and FASTER's snapshot checkpoint.</summary>
    [Benchmark]
    public Guid Checkpoint_of_one_million_changed_keys() => (_store ?? throw new InvalidOperationException()).Checkpoint();

    /// <summary>Everything a committed checkpoint costs besides the small runtime files: also fsync and SHA-256 of FASTER's files.</summary>
    [Benchmark]
    public long Checkpoint_with_fsync_and_checksums()
    {
        FasterStateStore store = _store ?? throw new InvalidOperationException();
        Guid token = store.Checkpoint();
        long bytes = 0;
        foreach (string file in FasterStateStore.CheckpointFiles(store.Location, token).Concat(store.CheckpointLogFiles().Select(f => f.Path)))
        {
            DurableFiles.Sync(file);
            bytes += DurableFiles.Sha256(file).Length;
        }

        return bytes;
    }

    [IterationCleanup]
    public void DropCheckpoints()
    {
        foreach (Guid token in FasterStateStore.CheckpointTokens(_directory))
        {
            FasterStateStore.DeleteCheckpoint(_directory, token);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        StateFixture.Delete(_directory);
    }
}
