using System.Text;
using Dsl.Compiler.Emit;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Sources;
using Dsl.Runtime.Tests.Support;

namespace Dsl.Runtime.Tests.Checkpoints;

/// <summary>
/// Every job the project ships, and seeded variants of each (<see cref="JobVariants"/>), compiled
/// and run on seeded telemetry with late records, resets and spikes (<see cref="ManifestTelemetry"/>):
/// a run that checkpoints, goes on, crashes, and is resumed by <c>dsl run --state</c> (checkpointing
/// every few lines) writes exactly the bytes of a run that was never interrupted.
/// </summary>
public sealed class JobVariantResumeTests
{
    private const int VariantsPerJob = 3;
    private const int Records = 2_400;

    public static TheoryData<string> Jobs => JobVariants.Names();

    [Theory]
    [MemberData(nameof(Jobs))]
    public void A_crashed_and_resumed_run_writes_what_an_uninterrupted_run_writes(string job)
    {
        string file = Dsl.TestUtilities.RepoPaths.Combine(job);
        int seed = JobVariants.StableSeed(job);
        foreach ((string variant, EmitResult emitted) in JobVariants.Of(file, VariantsPerJob, seed))
        {
            using var loaded = LoadedJob.Load(emitted.Assembly!, "variant");
            string input = ManifestTelemetry.Records(loaded.Job.Manifest, seed, Records);
            IReadOnlyList<AssetMasterData> assets = ManifestTelemetry.Assets(loaded.Job.Manifest, seed);
            byte[] expected = Uninterrupted(loaded.Job, input, assets);
            if (variant == "as written")
            {
                Assert.True(expected.Length > 0, $"{job} writes nothing on this input, so resuming it proves nothing.");
            }

            var random = new Random(seed);
            int checkpointAt = random.Next(Records);
            int crashAt = checkpointAt + random.Next(Records - checkpointAt + 1);
            byte[] resumed = CrashedAndResumed(loaded.Job, input, assets, checkpointAt, crashAt, checkpointEvery: 1 + random.Next(400));
            if (!resumed.AsSpan().SequenceEqual(expected))
            {
                Assert.Fail($"{job} ({variant}), checkpoint after line {checkpointAt}, crash after {crashAt}: {FirstDifference(expected, resumed)}");
            }
        }
    }

    private static byte[] Uninterrupted(Jobs.CompiledJob job, string input, IReadOnlyList<AssetMasterData> assets)
    {
        using var output = new MemoryStream();
        JobRunner.Run(job, new MemoryStream(Encoding.UTF8.GetBytes(input)), output, new JobSessionOptions(assets, ErrorLog: TextWriter.Null));
        return output.ToArray();
    }

    private static byte[] CrashedAndResumed(Jobs.CompiledJob job, string input, IReadOnlyList<AssetMasterData> assets, int checkpointAt, int crashAt, int checkpointEvery)
    {
        using var temp = new TempDirectory();
        string inputPath = temp.Combine("input.jsonl");
        string outputPath = temp.Combine("output.jsonl");
        string state = temp.Combine("state");
        File.WriteAllText(inputPath, input);
        var session = new JobSessionOptions(assets, ErrorLog: TextWriter.Null);
        using (var host = DurableJobHost.Start(job, new DurableJobOptions(state, session, DurableHarness.SmallStore), (m, p, a) => new NdjsonFileSink(outputPath, m, p, a)))
        using (FileStream file = File.OpenRead(inputPath))
        {
            var lines = new Utf8LineReader(file);
            for (int line = 1; line <= crashAt && lines.TryReadLine(out ReadOnlySpan<byte> text); line++)
            {
                host.Session.ProcessLine(text, lines.LineNumber);
                if (line == checkpointAt)
                {
                    using FileStream tail = File.OpenRead(inputPath);
                    host.Checkpoint(new InputPosition(lines.Offset, lines.LineNumber, Fingerprints.Tail(tail, lines.Offset)));
                }
            }

            // Disposed without a checkpoint after the crash point: what a killed process leaves.
        }

        DurableFileRunner.Run(job, new DurableRunOptions(inputPath, outputPath, state, Session: session, Store: DurableHarness.SmallStore, CheckpointEveryLines: checkpointEvery));
        return File.ReadAllBytes(outputPath);
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        string[] e = Encoding.UTF8.GetString(expected).Split('\n');
        string[] a = Encoding.UTF8.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            if (e[i] != a[i])
            {
                return $"line {i + 1}: expected {e[i]}, got {a[i]}";
            }
        }

        return $"expected {e.Length} lines, got {a.Length}";
    }
}
