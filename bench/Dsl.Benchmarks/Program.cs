using BenchmarkDotNet.Running;

namespace Dsl.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Dsl.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>--filter '*Rule*'</c> one class; <c>--smoke</c> every benchmark body once;
/// <c>generate</c>, <c>parse</c> and <c>memory</c> are the helpers of bench/run.sh; <c>compaction</c>
/// times checkpoints of a churning store that compact its log;
/// <c>large-job N</c> prints a job of about N lines (bench/check-large-job.sh).
/// See docs/performance.md for the figures and what they mean.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "--smoke":
                return Smoke.Run();
            case "generate":
                return Telemetry.GenerateCommand.Run(args);
            case "parse":
                return EndToEnd.ParseCommand.Run(args);
            case "endtoend":
                return EndToEnd.EndToEndCommand.Run(args);
            case "compile":
                return Compile.CompileCommand.Run(args);
            case "profile":
                return Rules.ProfileCommand.Run(args);
            case "memory":
                return Memory.MemoryCommand.Run(args);
            case "compaction":
                return State.CompactionCommand.Run(args);
            case "large-job":
                // A generated job of about N lines, for timing `dsl check` and the editor.
                Console.Out.Write(Editor.LargeJob.Generate(args.Length > 1 && int.TryParse(args[1], out var lines) ? lines : 5000));
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
