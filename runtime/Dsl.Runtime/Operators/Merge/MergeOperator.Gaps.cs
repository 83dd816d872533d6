using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Long gaps of an <c>every D</c> block with a <c>hold</c>. An asset's records that come back
/// after a month away pass every grid time of the month, and each is evaluated: with
/// <c>every 1s</c> that is 2.6 million evaluations per asset, each writing nothing once the
/// values it reads have expired. When no output reads the evaluation time, an evaluation over
/// only expired values gives the same result at every later grid time up to the record that
/// ended the gap (no value comes between: the values kept are all at or before the first of
/// these grid times, and the one of that record is after the last), so once one of them has
/// written nothing, the rest are skipped and counted as it was counted.
/// </summary>
public sealed partial class MergeOperator<TOutputs>
{
    private readonly bool _skipsExpiredGaps;

    private static readonly Counter[] SkipCounters = [Counter.SkippedMissing, Counter.SkippedAttribute, Counter.InvalidResults];

    /// <summary>Evaluates grid time <paramref name="time"/>; when that wrote nothing over expired values only, skips the grid times after it that the same would hold for.</summary>
    private void EvaluateBeforeGap(int asset, long time)
    {
        long outputs = _counters[Counter.Outputs];
        Span<long> before = stackalloc long[SkipCounters.Length];
        for (int i = 0; i < SkipCounters.Length; i++)
        {
            before[i] = _counters[SkipCounters[i]];
        }

        Evaluate(asset, time);
        if (_counters[Counter.Outputs] != outputs || !AllExpired(asset, time))
        {
            return;
        }

        // The grid times after this one and before the asset's latest time; the record there is
        // seen from its own grid time on, which is evaluated as usual.
        ref MergeProgress progress = ref _progress[asset];
        long period = _options.Grid.SizeMs;
        long skipped = progress.NextGrid < progress.Latest ? ((progress.Latest - progress.NextGrid - 1) / period) + 1 : 0;
        if (skipped == 0)
        {
            return;
        }

        for (int i = 0; i < SkipCounters.Length; i++)
        {
            _counters.Add(SkipCounters[i], skipped * (_counters[SkipCounters[i]] - before[i]));
        }

        progress.NextGrid += skipped * period;
        progress.NextGridEnd = progress.NextGrid + period;
    }

    /// <summary>Whether each input of the asset has no value at or before the time, or only one older than the hold.</summary>
    private bool AllExpired(int asset, long time)
    {
        int first = asset * _inputCount;
        for (int input = 0; input < _inputCount; input++)
        {
            if (_values.TryLatestAtOrBefore(first + input, time, out long latest, out _) && time - latest <= _holdMs)
            {
                return false;
            }
        }

        return true;
    }
}
