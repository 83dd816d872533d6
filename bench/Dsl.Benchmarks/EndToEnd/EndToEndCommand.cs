using System.Diagnostics;
using Dsl.Runtime.Hosting;

namespace Dsl.Benchmarks.EndToEnd;

/// <summary>
/// <c>endtoend FILE [ROUNDS]</c>: in one process and on the same bytes, best of the rounds of the
/// parse-only pass, <c>dsl run</c>'s path (<see cref="JobRunner.Run"/>, parsing on its own thread)
/// and the same run with parsing inline on one thread, with the wind-farm example job.
/// </summary>
internal static class EndToEndCommand
{
    public static int Run(string[] args)
    {
        byte[] input = File.ReadAllBytes(args.Length > 1 ? args[1] : throw new ArgumentException("endtoend needs a file."));
        int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        using LoadedJob job = Examples.Load("wind-farm", "turbine_kpis");
        long records = ParseOnly.Run(new MemoryStream(input)).Records;
        double parse = Best(rounds, () => ParseOnly.Run(new MemoryStream(input)));
        double pipelined = Best(rounds, () => JobRunner.Run(job.Job, new MemoryStream(input), Stream.Null));
        double inline = Best(rounds, () =>
        {
            var session = new JobSession(job.Job, Stream.Null);
            session.ProcessInput(new MemoryStream(input));
            session.Complete();
        });
        Console.WriteLine($"parse-only          {records / parse / 1e6,6:F2} M records/s  1.00x");
        Console.WriteLine($"dsl run (2 threads) {records / pipelined / 1e6,6:F2} M records/s  {parse / pipelined:F2}x of parse-only");
        Console.WriteLine($"dsl run (1 thread)  {records / inline / 1e6,6:F2} M records/s  {parse / inline:F2}x of parse-only");
        return 0;
    }

    private static double Best(int rounds, Action run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
