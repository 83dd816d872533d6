using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Operators.Windows;
using Dsl.Runtime.State;

namespace Dsl.Benchmarks;

/// <summary>A store holding a number of window partials (the largest value the runtime stores), as a big job would.</summary>
internal static class StateFixture
{
    public static StateStoreOptions LargeBudget { get; } = new(1L << 30);

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "dsl-bench", Guid.NewGuid().ToString("N"));

    public static void Fill(IStateStore store, int keys, int round)
    {
        IStateTable<OutputWindowKey, Moments> table = store.GetTable<OutputWindowKey, Moments>("aggregate0.Power.moments");
        for (int i = 0; i < keys; i++)
        {
            table.GetOrAdd(new OutputWindowKey(i / 8, 1_767_225_600_000 + (round * 600_000L), i % 8), out _).Add(i, i * 0.25);
        }
    }

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
