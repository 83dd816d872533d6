using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.State;
using Xunit.Sdk;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// Trill's checkpoint test: run straight through; then, for each cut point k, run to k, checkpoint,
/// go on a little further (work a crash then loses), drop everything, restore into a fresh instance
/// from the state directory and run to the end. Every output sequence must equal the straight one,
/// record for record, in order.
/// </summary>
public static class CheckpointEquivalence
{
    public static void Assert(Func<CompiledJob> job, IReadOnlyList<TestRecord> records, IReadOnlyList<AssetMasterData>? assets, int cuts, string context, StateStoreOptions? store = null)
    {
        List<Emitted> expected = JobHarness.Run(job(), records, assets);
        Xunit.Assert.NotEmpty(expected);
        foreach (int cut in CutPoints(records.Count, cuts))
        {
            using var directory = new TempDirectory();
            var output = new List<Emitted>();
            using (var first = new DurableHarness(job(), directory.Path, output, assets, store))
            {
                first.Feed(records, 0, cut);
                first.Host.Checkpoint(DurableHarness.At(cut));
                first.Feed(records, cut, Math.Min(records.Count, cut + 37));
            }

            using (var second = new DurableHarness(job(), directory.Path, output, assets, store))
            {
                Xunit.Assert.True(second.Host.Resumed);
                Xunit.Assert.Equal(cut, second.Next);
                second.Feed(records, second.Next, records.Count);
                second.Host.Complete(DurableHarness.At(records.Count));
            }

            AssertSame(expected, output, $"{context}, cut at {cut} of {records.Count}");
        }
    }

    public static IEnumerable<int> CutPoints(int count, int cuts)
    {
        var random = new Random(count);
        var points = new SortedSet<int> { 0, 1, count / 2, count - 1, count };
        while (points.Count < cuts + 5)
        {
            points.Add(random.Next(0, count + 1));
        }

        return points;
    }

    public static void AssertSame(IReadOnlyList<Emitted> expected, IReadOnlyList<Emitted> actual, string context)
    {
        int n = Math.Min(expected.Count, actual.Count);
        for (int i = 0; i < n; i++)
        {
            // Bit for bit: a restored run computes exactly what the uninterrupted one did.
            if (expected[i] with { Value = 0 } != actual[i] with { Value = 0 } || BitConverter.DoubleToInt64Bits(expected[i].Value) != BitConverter.DoubleToInt64Bits(actual[i].Value))
            {
                throw new XunitException($"{context}: output {i} differs: expected {expected[i]}, got {actual[i]}");
            }
        }

        if (expected.Count != actual.Count)
        {
            throw new XunitException($"{context}: {expected.Count} outputs expected, {actual.Count} written");
        }
    }
}
