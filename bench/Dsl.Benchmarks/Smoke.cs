using Dsl.Benchmarks.Compile;
using Dsl.Benchmarks.EndToEnd;
using Dsl.Benchmarks.Memory;
using Dsl.Benchmarks.Rules;
using Dsl.Benchmarks.Telemetry;
using Dsl.Runtime.Hosting;

namespace Dsl.Benchmarks;

/// <summary>
/// <c>--smoke</c>: runs every benchmark body once on small inputs and checks what can be checked —
/// the three implementations of each rule agree, and <c>dsl run</c>'s pipelined input writes the
/// same bytes as the single-threaded path — so the suite keeps compiling, running and measuring
/// the same thing. Takes seconds; no timing is asserted.
/// </summary>
internal static class Smoke
{
    public static int Run()
    {
        int failures = 0;
        foreach (RuleKind kind in Enum.GetValues<RuleKind>())
        {
            using RuleFixture fixture = RuleFixture.Create(kind, assets: 50, minutes: 150);
            Totals hand = fixture.RunHandWritten();
            Totals compiled = fixture.RunCompiled();
            Totals reactive = fixture.RunReactive();
            failures += Check($"rule {kind}: hand-written {hand}, compiled {compiled}, reactive {reactive}", hand.Count > 0 && hand.Matches(compiled) && hand.Matches(reactive));
        }

        failures += EndToEnd();
        foreach (string job in Examples.Jobs)
        {
            failures += Check($"warm compile {job}: {CompileBenchmarks.CompileOnce(File.ReadAllText(Examples.PathOf(job)), Examples.PathOf(job), 1)} bytes", true);
        }

        foreach ((string name, string outputs) in WindowMemory.Blocks)
        {
            (double retained, double allocated) = WindowMemory.Measure(outputs, 1000);
            failures += Check($"memory {name}: {retained:F0} B/key retained, {allocated:F0} B/key allocated", retained > 0);
        }

        failures += States();
        Console.WriteLine(failures == 0 ? "smoke: all benchmark bodies ran" : $"smoke: {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private static int EndToEnd()
    {
        byte[] input = TelemetryGenerator.Generate(assets: 40, minutes: 120);
        using LoadedJob job = Examples.Load("wind-farm", "turbine_kpis");
        var pipelined = new MemoryStream();
        RunCounters counters = JobRunner.Run(job.Job, new MemoryStream(input), pipelined);
        var inline = new MemoryStream();
        var session = new JobSession(job.Job, inline);
        session.ProcessInput(new MemoryStream(input));
        session.Complete();
        (long records, _) = ParseOnly.Run(new MemoryStream(input));
        bool same = pipelined.ToArray().AsSpan().SequenceEqual(inline.ToArray()) && counters.Summary() == session.Counters.Summary();
        return Check($"dsl run: {counters.Summary()}; parse-only {records} records; pipelined output = inline output", same && records == counters[Counter.RecordsRead]);
    }

    private static int States()
    {
        var throughput = new ThroughputBenchmarks();
        foreach (string store in ThroughputBenchmarks.Stores)
        {
            throughput.Store = store;
            throughput.Setup();
            long outputs = throughput.Records();
            throughput.Cleanup();
            Check($"throughput {store}: {outputs} outputs", outputs > 0);
        }

        var checkpoint = new CheckpointBenchmarks { Keys = 10_000 };
        checkpoint.Setup();
        checkpoint.Change();
        checkpoint.Checkpoint_of_one_million_changed_keys();
        checkpoint.DropCheckpoints();
        checkpoint.Cleanup();
        var recovery = new RecoveryBenchmarks { Keys = 10_000 };
        recovery.Setup();
        int recovered = recovery.Recover_one_million_keys();
        recovery.Cleanup();
        return Check($"checkpoint and recovery of 10k keys: {recovered}", true);
    }

    private static int Check(string what, bool ok)
    {
        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
        return ok ? 0 : 1;
    }
}
