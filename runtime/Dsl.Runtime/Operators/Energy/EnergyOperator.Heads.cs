using System.Runtime.CompilerServices;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// The heads (<see cref="EnergyHead"/>): a meter rule's in-order readings in a dense array per
/// asset. After the general path has handled an asset's record, the asset's state lends its head
/// when a reading in order would be a plain append (<see cref="LendHead"/>); every other path
/// takes it back first (<see cref="ReturnHead"/>), so the rest of the operator only ever sees the
/// state. A head covers rules without <c>split</c>, a chained input or more than two outputs.
/// </summary>
public sealed partial class EnergyOperator<TParams>
{
    // Zero length when the rule lends no heads, so that the in-order path's bounds check fails.
    private EnergyHead[] _heads = [];

    /// <summary>
    /// The commonest case of all in one head: a valid reading at or after the asset's latest time
    /// and before its head's <see cref="EnergyHead.AppendUntil"/>, which leaves the step's rate
    /// plainly inside the slope or makes no step, takes no snapshot and no new chunk of the log.
    /// It is <see cref="TryAppendToOpen"/> with each of its tests answered when the head was lent.
    /// False, having changed nothing, for every other record.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool TryAppendToHead(in InputRecord record)
    {
        EnergyHead[] heads = _heads;
        int asset = record.Asset;
        if ((uint)asset >= (uint)heads.Length || !record.IsValid)
        {
            return false;
        }

        ref EnergyHead head = ref heads[asset];
        long time = record.Time;
        bool later = time > head.LastTime;
        ReadingLog log = _log!;
        if (time < head.Latest || time >= head.AppendUntil || (later && head.SinceSnapshot >= EnergyAssetState.SnapshotSpacing - 1) || log.TailFull)
        {
            return false;
        }

        // A meter's readings are kept in the register's unit (_readingFactor is 1): MeterStep's rules 2–4.
        double value = record.Value;
        double delta = value - head.BaseValue;
        if (time > head.BaseTime && delta != 0)
        {
            double energy = delta * _stepFactor;
            if (!head.Rate.Contains(energy, time - head.BaseTime))
            {
                // A spike, a reset, a bound or a rollover: the general path decides and counts it.
                return false;
            }

            // Both totals, as each output's interval takes the whole step: a rule with one output
            // never reads the second, and adding to it costs less than asking.
            double scaled = energy * head.Scale;
            head.Sum0 += scaled;
            head.Sum1 += scaled;
            head.BaseTime = time;
            head.BaseValue = value;
        }

        head.LogTail = log.Append(time, value, head.LogTail);
        head.LogCount++;
        if (later)
        {
            head.SinceSnapshot++;
        }

        head.LastTime = time;
        head.Latest = time;
        return true;
    }

    /// <summary>Lends the asset's head when its state allows (see <see cref="EnergyAssetState.CanLend"/>), else leaves it not lent.</summary>
    private void LendHead(int asset)
    {
        if (!_lendsHeads || Find(asset) is not { CanLend: true } state)
        {
            return;
        }

        // Nothing is due before these: a reading before them does not call AdvanceDue's work.
        long until = Math.Min(state.Open.Due, state.PruneDue);
        for (int o = 0; o < _outputs.Length; o++)
        {
            int i = NewestOpen(state, o);
            if (i < 0 || state.Open[i].Emitted || state.Open[i].Start > state.Latest)
            {
                return;
            }

            until = Math.Min(until, state.Open[i].End);
        }

        if (until <= state.Latest)
        {
            return;
        }

        if (asset >= _heads.Length)
        {
            Array.Resize(ref _heads, _assets.Length);
        }

        ref EnergyHead head = ref _heads[asset];
        state.LendTo(ref head);
        for (int o = 0; o < _outputs.Length; o++)
        {
            head.Sum(o) = state.Open[NewestOpen(state, o)].Sum;
        }

        head.AppendUntil = until;
    }

    /// <summary>Takes the asset's head back into its state, when lent: the state is then current.</summary>
    private void ReturnHead(int asset)
    {
        if ((uint)asset >= (uint)_heads.Length || !_heads[asset].Lent)
        {
            return;
        }

        ref EnergyHead head = ref _heads[asset];
        EnergyAssetState state = _assets[asset]!;
        state.TakeBack(head);
        for (int o = 0; o < _outputs.Length; o++)
        {
            state.Open[NewestOpen(state, o)].Sum = head.Sum(o);
        }

        head.AppendUntil = long.MinValue;
    }

    private void ReturnAllHeads()
    {
        for (int asset = 0; asset < _heads.Length; asset++)
        {
            ReturnHead(asset);
        }
    }

    private void LendAllHeads()
    {
        for (int asset = 0; asset < _assets.Length; asset++)
        {
            LendHead(asset);
        }
    }
}
