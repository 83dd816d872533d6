namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// Seeded random input: per asset, times advancing by random steps (with occasional duplicates and
/// gaps), then an arrival order in which some records are delayed (out of order), a few by much
/// more than any lateness (late). Times and delays are whole multiples of <see cref="Quantum"/>, so
/// records fall exactly on window boundaries, gaps and lateness limits often enough to test them.
/// </summary>
public static class StreamGenerator
{
    public const long Quantum = 30_000;

    public static List<TestRecord> Series(Random random, string asset, int point, long start, long end, long minStep, long maxStep, Func<Random, long, double> value)
    {
        var result = new List<TestRecord>();
        long t = Quantize(start + random.NextInt64(0, maxStep));
        while (t < end)
        {
            result.Add(new TestRecord(asset, point, t, value(random, t)));
            double roll = random.NextDouble();
            t += Quantize(roll < 0.03 ? 0 : roll < 0.06 ? maxStep * random.Next(3, 12) : random.NextInt64(minStep, maxStep + 1));
        }

        return result;
    }

    /// <summary>Arrival order: each record's arrival key is its time plus, for some, a delay.</summary>
    public static List<TestRecord> Arrive(Random random, IEnumerable<TestRecord> records, double delayedShare, long maxDelay, double veryLateShare, long veryLateDelay)
    {
        var keyed = new List<(long Key, int Order, TestRecord Record)>();
        int order = 0;
        foreach (TestRecord r in records)
        {
            double roll = random.NextDouble();
            long delay = roll < veryLateShare ? veryLateDelay + random.NextInt64(0, veryLateDelay)
                : roll < veryLateShare + delayedShare ? random.NextInt64(1, maxDelay + 1)
                : 0;
            keyed.Add((r.Time + Quantize(delay), order++, r));
        }

        return keyed.OrderBy(k => k.Key).ThenBy(k => k.Order).Select(k => k.Record).ToList();
    }

    public static long Quantize(long time) => time / Quantum * Quantum;

    /// <summary>Power-like values, mostly in [0, 3000], some outside (invalid).</summary>
    public static double PowerValue(Random random, long time)
    {
        double roll = random.NextDouble();
        return roll < 0.05 ? -random.Next(1, 200) : roll < 0.1 ? 3000 + random.Next(1, 300) : Math.Round(random.NextDouble() * 3000, 3);
    }
}
