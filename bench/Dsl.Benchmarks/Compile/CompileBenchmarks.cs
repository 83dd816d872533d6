using BenchmarkDotNet.Attributes;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;

namespace Dsl.Benchmarks.Compile;

/// <summary>
/// (e) warm compile latency in process: parse, bind, plan, emit C# and Roslyn for each example job.
/// Every invocation changes a trailing comment so the in-process assembly cache (keyed by a hash of
/// the sources) misses and Roslyn really runs. Target: ≤ 50 ms. The cold <c>dsl build</c> process
/// is timed by bench/run.sh.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class CompileBenchmarks
{
    private string _text = string.Empty;
    private string _path = string.Empty;
    private int _round;

    public static IEnumerable<string> Jobs => Examples.Jobs;

    [ParamsSource(nameof(Jobs))]
    public string Job { get; set; } = Examples.Jobs[0];

    [GlobalSetup]
    public void Setup()
    {
        _path = Examples.PathOf(Job);
        _text = File.ReadAllText(_path);
    }

    [Benchmark]
    public int WarmCompile() => CompileOnce(_text, _path, ++_round);

    public static int CompileOnce(string text, string path, int round)
    {
        var source = SourceText.From(text + "\n// round " + round.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", path);
        EmitResult result = Compilation.Create(source, FileSystemSourceResolver.Instance).Emit(EmitOptions.Default);
        if (result.FromCache || result.Assembly is not { } image)
        {
            throw new InvalidOperationException($"{path} did not compile afresh.");
        }

        return image.Length;
    }
}
