using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dsl.Runtime.State;

namespace Dsl.Benchmarks;

/// <summary>Recovering a store of 1M keys from its checkpoint and reading one entry. Target: under 2 s.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RecoveryBenchmarks
{
    private string _directory = string.Empty;
    private Guid _token;
    private byte[] _metadata = [];

    [Params(1_000_000)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = StateFixture.NewDirectory();
        using FasterStateStore store = FasterStateStore.Create(_directory, StateFixture.LargeBudget);
        StateFixture.Fill(store, Keys, 0);
        _token = store.Checkpoint();
        using var metadata = new MemoryStream();
        using (var writer = new BinaryWriter(metadata, Encoding.UTF8, leaveOpen: true))
        {
            store.WriteMetadata(writer);
        }

        _metadata = metadata.ToArray();
    }

    [Benchmark]
    public int Recover_one_million_keys()
    {
        using var reader = new BinaryReader(new MemoryStream(_metadata));
        using FasterStateStore store = FasterStateStore.Recover(_directory, StateFixture.LargeBudget, _token, reader);
        var table = store.GetTable<Dsl.Runtime.Operators.Windows.OutputWindowKey, Dsl.Runtime.Operators.Aggregates.Moments>("aggregate0.Power.moments");
        return table.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => StateFixture.Delete(_directory);
}
