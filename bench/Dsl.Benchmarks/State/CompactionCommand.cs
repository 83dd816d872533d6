using System.Diagnostics;
using System.Globalization;
using Dsl.Runtime.State;

namespace Dsl.Benchmarks.State;

/// <summary>
/// <c>compaction [KEYS] [BUDGET_MB] [ROUNDS]</c>: a store whose every entry changes between
/// checkpoints, in a budget too small to hold them, checkpointed as a job host does (keeping the
/// previous checkpoint's log files). Prints each checkpoint's time, whether it compacted, and the
/// log on disk, so the cost of a compaction shows beside an ordinary checkpoint's.
/// </summary>
internal static class CompactionCommand
{
    public static int Run(string[] args)
    {
        int keys = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        long budget = (args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 64) << 20;
        int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 12;
        string directory = StateFixture.NewDirectory();
        try
        {
            using FasterStateStore store = FasterStateStore.Create(directory, new StateStoreOptions(budget));
            IReadOnlyList<string> previous = [];
            var plain = new List<double>();
            var compacting = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                StateFixture.Fill(store, keys, round: 0);
                int before = store.Compactions;
                var watch = Stopwatch.StartNew();
                store.Checkpoint();
                double ms = watch.Elapsed.TotalMilliseconds;
                IReadOnlyList<string> files = [.. store.CheckpointLogFiles().Select(f => f.Path)];
                store.ReleaseLog(files.Concat(previous));
                previous = files;
                bool compacted = store.Compactions > before;
                (compacted ? compacting : plain).Add(ms);
                long onDisk = Directory.GetFiles(directory, "hlog.log.*").Sum(f => new FileInfo(f).Length);
                Console.WriteLine($"round {round}: checkpoint {ms:F0} ms{(compacted ? ", compacted" : string.Empty)}; log on disk {onDisk >> 20} MB, written {store.LogAddresses.Tail >> 20} MB");
            }

            Console.WriteLine($"{keys} keys in {budget >> 20} MB: checkpoints without compaction {Summary(plain)}; with {Summary(compacting)}");
            return 0;
        }
        finally
        {
            StateFixture.Delete(directory);
        }
    }

    private static string Summary(List<double> times) =>
        times.Count == 0 ? "none" : $"{times.Count}, median {times.Order().ElementAt(times.Count / 2):F0} ms, max {times.Max():F0} ms";
}
