using BenchmarkDotNet.Running;

namespace Dsl.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Dsl.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>--filter '*Checkpoint*'</c> one class. See docs/runtime.md for the figures and what they mean.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
