using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Operators.Merge;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The stores a merge keeps its values in (<see cref="ValueHistory"/> and the flat
/// <see cref="MergeValues"/>) against a plain sorted list pruned after every add, on random
/// input with late records, equal times, texts and several retentions.
/// </summary>
public sealed class MergeValuesTests
{
    private const long Minute = 60_000;
    private const int Slots = 3;

    public static TheoryData<long> Retentions => new() { 0, Minute, 5 * Minute, 60 * Minute };

    [Theory]
    [MemberData(nameof(Retentions))]
    public void A_value_history_keeps_what_pruning_after_every_add_keeps(long retentionMs)
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var reference = new ReferenceHistory();
            var history = new ValueHistory();
            long clock = 0;
            for (int step = 0; step < 300; step++)
            {
                (long time, double value, string? text) = NextRecord(random, ref clock);
                reference.Add(time, value, text, retentionMs);
                history.Add(time, value, text, retentionMs);
                AssertSame(reference, history, random, $"seed {seed}, step {step}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Retentions))]
    public void Merge_values_keep_per_slot_what_a_value_history_keeps(long retentionMs)
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var references = Enumerable.Range(0, Slots).Select(_ => new ReferenceHistory()).ToArray();
            var values = new MergeValues(1);
            values.EnsureSlots(Slots);
            long clock = 0;
            for (int step = 0; step < 300; step++)
            {
                int slot = random.Next(Slots);
                (long time, double value, string? text) = NextRecord(random, ref clock);
                references[slot].Add(time, value, text, retentionMs);
                values.Add(slot, time, value, text, retentionMs);
                AssertSame(references[slot], values, slot, random, $"seed {seed}, step {step}, slot {slot}");
            }

            MergeValues restored = RoundTrip(values);
            for (int slot = 0; slot < Slots; slot++)
            {
                AssertSame(references[slot], restored, slot, random, $"seed {seed}, restored slot {slot}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Retentions))]
    public void Removing_the_value_at_a_time_leaves_the_others_as_kept(long retentionMs)
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var random = new Random(seed);
            var references = Enumerable.Range(0, Slots).Select(_ => new ReferenceHistory()).ToArray();
            var values = new MergeValues(1);
            values.EnsureSlots(Slots);
            long clock = 0;
            for (int step = 0; step < 300; step++)
            {
                int slot = random.Next(Slots);
                ReferenceHistory reference = references[slot];
                if (random.Next(5) == 0)
                {
                    // A time kept (the latest value at it goes), or one that is not.
                    long time = reference.Count > 0 && random.Next(4) != 0 ? reference.Times[random.Next(reference.Count)] : clock + 1;
                    Assert.True(reference.Remove(time) == values.TryRemove(slot, time), $"seed {seed}, step {step}: removed at {time}");
                }
                else
                {
                    (long time, double value, string? text) = NextRecord(random, ref clock);
                    reference.Add(time, value, text, retentionMs);
                    values.Add(slot, time, value, text, retentionMs);
                }

                AssertSame(reference, values, slot, random, $"seed {seed}, step {step}, slot {slot}");
            }
        }
    }

    [Fact]
    public void Records_in_order_without_lateness_keep_the_latest_value_and_the_two_before()
    {
        var values = new MergeValues(1);
        for (int minute = 0; minute < 10; minute++)
        {
            values.Add(0, minute * Minute, minute, null, 0);
        }

        Assert.Equal(3, values.Count(0));
        Assert.Equal([7 * Minute, 8 * Minute, 9 * Minute], Enumerable.Range(0, 3).Select(i => values.TimeAt(0, i)));
        Assert.True(values.TryLatestAtOrBefore(0, 9 * Minute, out long latestTime, out double latest));
        Assert.Equal((9 * Minute, 9.0), (latestTime, latest));
        Assert.False(values.TryLatestAtOrBefore(0, (9 * Minute) - 1, out _, out _));
    }

    /// <summary>Mostly in order, a few records late by up to ten minutes, some at the same time as the one before.</summary>
    private static (long Time, double Value, string? Text) NextRecord(Random random, ref long clock)
    {
        long time;
        int kind = random.Next(10);
        if (kind == 0)
        {
            time = clock - random.NextInt64(10 * Minute);
        }
        else if (kind == 1)
        {
            time = clock;
        }
        else
        {
            clock += random.NextInt64(1, 2 * Minute);
            time = clock;
        }

        string? text = random.Next(8) == 0 ? $"t{random.Next(100)}" : null;
        return (time, random.Next(-1000, 1000), text);
    }

    private static void AssertSame(ReferenceHistory expected, ValueHistory actual, Random random, string where)
    {
        Assert.True(expected.Count == actual.Count, $"{where}: count {actual.Count}, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                (expected.Times[i], expected.Values[i], expected.Texts[i]) == (actual.TimeAt(i), actual.ValueAt(i), actual.TextAt(i)),
                $"{where}: value {i}");
        }

        foreach (long probe in Probes(expected, random))
        {
            Assert.True(expected.IndexAtOrBefore(probe) == actual.IndexAtOrBefore(probe), $"{where}: index at {probe}");
        }
    }

    private static void AssertSame(ReferenceHistory expected, MergeValues actual, int slot, Random random, string where)
    {
        Assert.True(expected.Count == actual.Count(slot), $"{where}: count {actual.Count(slot)}, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(
                (expected.Times[i], expected.Values[i], expected.Texts[i]) == (actual.TimeAt(slot, i), actual.ValueAt(slot, i), actual.TextAt(slot, i)),
                $"{where}: value {i}");
        }

        foreach (long probe in Probes(expected, random))
        {
            int index = expected.IndexAtOrBefore(probe);
            Assert.True(index == actual.IndexAtOrBefore(slot, probe), $"{where}: index at {probe}");
            bool latest = actual.TryLatestAtOrBefore(slot, probe, out long latestTime, out double latestValue);
            Assert.True(latest == (expected.Count > 0 && expected.Times[^1] <= probe), $"{where}: latest at {probe}");
            if (latest)
            {
                Assert.True((latestTime, latestValue) == (expected.Times[^1], expected.Values[^1]), $"{where}: latest value at {probe}");
            }
        }
    }

    private static IEnumerable<long> Probes(ReferenceHistory history, Random random)
    {
        if (history.Count == 0)
        {
            yield return 0;
            yield break;
        }

        long first = history.Times[0];
        long last = history.Times[^1];
        yield return first - 1;
        yield return last;
        yield return last - 1;
        yield return last + 1;
        yield return first + random.NextInt64(Math.Max(1, last - first + 1));
    }

    private static MergeValues RoundTrip(MergeValues values)
    {
        using var stream = new MemoryStream();
        var writer = new CheckpointWriter(stream);
        for (int slot = 0; slot < Slots; slot++)
        {
            writer.Write(values.HasValues(slot));
            if (values.HasValues(slot))
            {
                values.WriteSlot(slot, writer);
            }
        }

        writer.Flush();
        stream.Position = 0;
        var reader = new CheckpointReader(stream);
        var restored = new MergeValues(Slots);
        for (int slot = 0; slot < Slots; slot++)
        {
            if (reader.ReadBoolean())
            {
                restored.ReadSlot(slot, reader);
            }
        }

        return restored;
    }

    /// <summary>Sorted lists (equal times in arrival order), pruned after every add to the retention plus the two values before it.</summary>
    private sealed class ReferenceHistory
    {
        public List<long> Times { get; } = [];

        public List<double> Values { get; } = [];

        public List<string?> Texts { get; } = [];

        public int Count => Times.Count;

        public void Add(long time, double value, string? text, long retentionMs)
        {
            int index = Times.Count;
            while (index > 0 && Times[index - 1] > time)
            {
                index--;
            }

            Times.Insert(index, time);
            Values.Insert(index, value);
            Texts.Insert(index, text);
            // A record older than the latest keeps the two values before it too: its own
            // evaluation reads the one before it (prev, delta, rate).
            long horizon = Math.Min(Times[^1] - retentionMs, time);
            int before = Times.Count(t => t < horizon);
            int drop = Math.Max(0, before - 2);
            Times.RemoveRange(0, drop);
            Values.RemoveRange(0, drop);
            Texts.RemoveRange(0, drop);
        }

        public int IndexAtOrBefore(long time) => Times.FindLastIndex(t => t <= time);

        public bool Remove(long time)
        {
            int index = IndexAtOrBefore(time);
            if (index < 0 || Times[index] != time)
            {
                return false;
            }

            Times.RemoveAt(index);
            Values.RemoveAt(index);
            Texts.RemoveAt(index);
            return true;
        }
    }
}
