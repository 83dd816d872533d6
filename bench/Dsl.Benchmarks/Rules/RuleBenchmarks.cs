using BenchmarkDotNet.Attributes;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// (a)–(c): each rule kind on in-memory records (no parsing): the compiled job, the hand-written
/// loop (baseline, the ceiling) and System.Reactive. Targets: compiled ≥ 0.8× hand-written,
/// ≥ 10× Rx. Times are per run over the records the job reads (of 2000 turbines × 180 minutes × 3 points).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class RuleBenchmarks
{
    public const int Assets = 2000;
    public const int Minutes = 180;
    private RuleFixture? _fixture;

    [Params(RuleKind.Aggregate, RuleKind.Merge, RuleKind.Energy, RuleKind.PowerEnergy)]
    public RuleKind Rule { get; set; }

    [GlobalSetup]
    public void Setup() => _fixture = RuleFixture.Create(Rule, Assets, Minutes);

    [Benchmark(Baseline = true)]
    public Totals HandWritten() => Fixture.RunHandWritten();

    [Benchmark]
    public Totals Compiled() => Fixture.RunCompiled();

    [Benchmark]
    public Totals Reactive() => Fixture.RunReactive();

    [GlobalCleanup]
    public void Cleanup() => _fixture?.Dispose();

    private RuleFixture Fixture => _fixture ?? throw new InvalidOperationException("Setup did not run.");
}
