using System.Diagnostics;

namespace Dsl.Benchmarks.EndToEnd;

/// <summary><c>parse FILE</c>: the parse-only pass over a file, timed, best of three (the input ceiling for <c>dsl run</c>).</summary>
internal static class ParseCommand
{
    public static int Run(string[] args)
    {
        string path = args.Length > 1 ? args[1] : throw new ArgumentException("parse needs a file.");
        double best = double.MaxValue;
        long records = 0;
        for (int i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using FileStream file = File.OpenRead(path);
            records = ParseOnly.Run(file).Records;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"parse-only {path}: {records} records in {best:F3} s = {records / best / 1e6:F2} M records/s");
        return 0;
    }
}
