using BenchmarkDotNet.Attributes;
using Dsl.Benchmarks.Rules;
using Dsl.Benchmarks.Telemetry;
using Dsl.Runtime.Hosting;

namespace Dsl.Benchmarks.EndToEnd;

/// <summary>
/// (d) in process: <c>dsl run</c>'s path (<see cref="JobRunner.Run"/>: NDJSON in, NDJSON out) with
/// the wind-farm example job, against a parse-only pass over the same bytes (baseline, the input
/// ceiling). Targets: ≥ 0.5× parse-only and ≥ 1M records/s. Times are per record.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class EndToEndBenchmarks
{
    public const int Assets = 2000;
    public const int Minutes = 180;
    private const int Records = Assets * Minutes * 3;
    private byte[] _input = [];
    private LoadedJob? _job;

    [GlobalSetup]
    public void Setup()
    {
        _input = TelemetryGenerator.Generate(Assets, Minutes);
        _job = Examples.Load("wind-farm", "turbine_kpis");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public double ParseOnlyPass() => ParseOnly.Run(new MemoryStream(_input, writable: false)).Checksum;

    [Benchmark(OperationsPerInvoke = Records)]
    public long DslRun()
    {
        RunCounters counters = JobRunner.Run((_job ?? throw new InvalidOperationException()).Job, new MemoryStream(_input, writable: false), Stream.Null);
        return counters[Counter.Outputs];
    }

    [GlobalCleanup]
    public void Cleanup() => _job?.Dispose();
}
