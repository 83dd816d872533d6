using System.Diagnostics;

namespace Dsl.Benchmarks.Rules;

/// <summary>
/// <c>profile RULE [ROUNDS] [ASSETS]</c>: runs one rule's compiled job repeatedly and prints each
/// round's time next to the hand-written loop's, for a profiler to attach to (fewer assets show
/// what the state's memory footprint costs), with what the compiled run allocated and the
/// collections it caused: an allocation per record shows as megabytes here.
/// </summary>
internal static class ProfileCommand
{
    public static int Run(string[] args)
    {
        RuleKind kind = Enum.Parse<RuleKind>(args.Length > 1 ? args[1] : "Aggregate", ignoreCase: true);
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
        int assets = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : RuleBenchmarks.Assets;
        using RuleFixture fixture = RuleFixture.Create(kind, assets, RuleBenchmarks.Minutes * RuleBenchmarks.Assets / assets);
        for (int i = 0; i < rounds; i++)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            int collections = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            Totals compiled = fixture.RunCompiled();
            double c = watch.Elapsed.TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            collections = GC.CollectionCount(0) - collections;
            watch.Restart();
            Totals hand = fixture.RunHandWritten();
            double h = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{kind} {fixture.Input.Records.Length} records: compiled {c:F1} ms, hand-written {h:F1} ms ({compiled.Count}/{hand.Count} outputs; compiled allocated {allocated / 1024} KiB, {collections} gen0 collections)");
        }

        return 0;
    }
}
