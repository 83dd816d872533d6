using System.Diagnostics;

namespace Dsl.Benchmarks.Rules;

/// <summary><c>profile RULE [ROUNDS]</c>: runs one rule's compiled job repeatedly and prints each round's time, for a profiler to attach to.</summary>
internal static class ProfileCommand
{
    public static int Run(string[] args)
    {
        RuleKind kind = Enum.Parse<RuleKind>(args.Length > 1 ? args[1] : "Aggregate", ignoreCase: true);
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20;
        using RuleFixture fixture = RuleFixture.Create(kind, RuleBenchmarks.Assets, RuleBenchmarks.Minutes);
        for (int i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            Totals compiled = fixture.RunCompiled();
            double c = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            Totals hand = fixture.RunHandWritten();
            double h = watch.Elapsed.TotalMilliseconds;
            Console.WriteLine($"{kind} {fixture.Input.Records.Length} records: compiled {c:F1} ms, hand-written {h:F1} ms ({compiled.Count}/{hand.Count} outputs)");
        }

        return 0;
    }
}
