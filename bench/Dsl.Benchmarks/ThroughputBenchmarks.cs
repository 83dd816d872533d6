using System.Text;
using BenchmarkDotNet.Attributes;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.Sources;
using Dsl.Runtime.State;

namespace Dsl.Benchmarks;

/// <summary>
/// Steady-state processing of the wind-farm example job (compiled from examples/wind-farm) on
/// generated records: the in-memory store against the FASTER store. Target: FASTER within 25%.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    private const int Turbines = 200;
    private const int Minutes = 500;
    private LoadedJob? _job;
    private byte[] _input = [];
    private string _directory = string.Empty;

    public static IEnumerable<string> Stores => ["memory", "faster"];

    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        string root = RepoRoot();
        var compilation = Compilation.Create(SourceText.Load(Path.Combine(root, "examples", "wind-farm", "turbine_kpis.stream")), FileSystemSourceResolver.Instance);
        EmitResult result = compilation.Emit(new EmitOptions(null));
        _job = LoadedJob.Load(result.Assembly ?? throw new InvalidOperationException("The example job did not compile."), "turbine_kpis");
        _input = Encoding.UTF8.GetBytes(WindFarmLines.Generate(Turbines, Minutes));
        _directory = StateFixture.NewDirectory();
    }

    /// <summary>One run over 300k records (200 turbines × 500 minutes × 3 points), ending with the flush of everything open.</summary>
    [Benchmark(OperationsPerInvoke = Turbines * Minutes * 3)]
    public long Records()
    {
        using FasterStateStore? faster = Store == "faster" ? FasterStateStore.Create(_directory) : null;
        var session = new JobSession((_job ?? throw new InvalidOperationException()).Job, new NullSink(), new JobSessionOptions(Store: faster ?? (IStateStore)new MemoryStateStore()));
        var lines = new Utf8LineReader(new MemoryStream(_input, writable: false));
        while (lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            session.ProcessLine(line, lines.LineNumber);
        }

        session.Complete();
        return session.Counters[Counter.Outputs];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _job?.Dispose();
        StateFixture.Delete(_directory);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.GetEnvironmentVariable("DSL_REPO") ?? throw new InvalidOperationException("Run from inside the repository, or set DSL_REPO.");
    }

    private sealed class NullSink : IOutputSink
    {
        public void Write(in Dsl.Runtime.Records.OutputRecord record)
        {
        }

        public void Flush()
        {
        }
    }
}
