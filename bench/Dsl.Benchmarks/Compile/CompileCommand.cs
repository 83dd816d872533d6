using System.Diagnostics;

namespace Dsl.Benchmarks.Compile;

/// <summary><c>compile [ROUNDS]</c>: warm in-process compile of each example job, median of the rounds after a first (cold) one.</summary>
internal static class CompileCommand
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        int round = 0;
        foreach (string job in Examples.Jobs)
        {
            string path = Examples.PathOf(job);
            string text = File.ReadAllText(path);
            var watch = Stopwatch.StartNew();
            CompileBenchmarks.CompileOnce(text, path, ++round);
            double first = watch.Elapsed.TotalMilliseconds;
            var times = new List<double>();
            for (int i = 0; i < rounds; i++)
            {
                watch.Restart();
                CompileBenchmarks.CompileOnce(text, path, ++round);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"compile {job}: first in process {first:F0} ms, warm median {times[times.Count / 2]:F1} ms, min {times[0]:F1} ms");
        }

        return 0;
    }
}
