using System.Text;
using Dsl.Compiler.Emit;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// Every rule keeps time per asset (lateness, window expiry, merge grids, energy intervals), so
/// how a gateway interleaves different assets' records cannot change what a job computes: every
/// job the project ships and seeded variants of each (<see cref="JobVariants"/>) write the same
/// outputs, and count the same, when each asset's records keep their order but the assets are
/// shuffled among each other. Only the order of the output lines may differ.
/// </summary>
public sealed class AssetInterleavingTests
{
    private const int VariantsPerJob = 3;
    private const int Records = 2_400;

    public static TheoryData<string> Jobs => JobVariants.Names();

    [Theory]
    [MemberData(nameof(Jobs))]
    public void Shuffling_assets_among_each_other_changes_no_output_and_no_count(string job)
    {
        string file = Dsl.TestUtilities.RepoPaths.Combine(job);
        int seed = JobVariants.StableSeed(job) + 1;
        foreach ((string variant, EmitResult emitted) in JobVariants.Of(file, VariantsPerJob, seed))
        {
            using var loaded = LoadedJob.Load(emitted.Assembly!, "variant");
            string input = ManifestTelemetry.Records(loaded.Job.Manifest, seed, Records);
            IReadOnlyList<AssetMasterData> assets = ManifestTelemetry.Assets(loaded.Job.Manifest, seed);
            (string[] outputs, string counts) = Run(loaded.Job, input, assets);
            (string[] shuffledOutputs, string shuffledCounts) = Run(loaded.Job, ShuffleAssets(input, new Random(seed)), assets);

            Assert.True(counts == shuffledCounts, $"{job} ({variant}): counters {counts}, shuffled {shuffledCounts}");
            string[] missing = [.. outputs.Except(shuffledOutputs).Take(3)];
            string[] added = [.. shuffledOutputs.Except(outputs).Take(3)];
            Assert.True(
                outputs.SequenceEqual(shuffledOutputs),
                $"{job} ({variant}): {outputs.Length} outputs, shuffled {shuffledOutputs.Length}; only in order:\n{string.Join("\n", missing)}\nonly shuffled:\n{string.Join("\n", added)}");
        }
    }

    /// <summary>The same lines, each asset's in its order, the assets drawn at random line by line.</summary>
    private static string ShuffleAssets(string input, Random random)
    {
        List<Queue<string>> assets = [.. input.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(line => line[..line.IndexOf(",\"modelId\"", StringComparison.Ordinal)], StringComparer.Ordinal)
            .Select(lines => new Queue<string>(lines))];
        var shuffled = new StringBuilder(input.Length);
        while (assets.Count > 0)
        {
            Queue<string> asset = assets[random.Next(assets.Count)];
            shuffled.Append(asset.Dequeue()).Append('\n');
            if (asset.Count == 0)
            {
                assets.Remove(asset);
            }
        }

        return shuffled.ToString();
    }

    /// <summary>The output lines sorted (their order across assets may differ) and the counters.</summary>
    private static (string[] Outputs, string Counts) Run(Jobs.CompiledJob job, string input, IReadOnlyList<AssetMasterData> assets)
    {
        using var output = new MemoryStream();
        RunCounters counters = JobRunner.Run(job, new MemoryStream(Encoding.UTF8.GetBytes(input)), output, new JobSessionOptions(assets, ErrorLog: TextWriter.Null));
        string[] lines = [.. Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        return (lines, counters.Summary());
    }
}
