using System.Diagnostics;
using System.Runtime.CompilerServices;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// The heads (<see cref="EnergyHead"/>): a rule's in-order readings (a meter's or power samples)
/// in a dense array per asset. After the general path has handled an asset's record, the asset's
/// state lends its head when a reading in order would be a plain append (<see cref="LendHead"/>);
/// every other path takes it back first (<see cref="ReturnHead"/>), so the rest of the operator
/// only ever sees the state. A head covers rules without <c>split</c>, a chained input or more
/// than two outputs.
/// </summary>
public sealed partial class EnergyOperator<TParams>
{
    // Zero length when the rule lends no heads, so that the in-order path's bounds check fails.
    private EnergyHead[] _heads = [];

    /// <summary>
    /// The commonest case of all in one head: a valid reading at or after the asset's latest time
    /// and before its head's <see cref="EnergyHead.AppendUntil"/>, which makes no step or one the
    /// head can take (a meter's rate plainly inside the slope, a power sample inside the range),
    /// takes no snapshot and no new chunk of the log.
    /// It is <see cref="TryAppendToOpen"/> with each of its tests answered when the head was lent.
    /// False, having changed nothing, for every other record.
    /// </summary>
    internal bool TryAppendToHead(in InputRecord record) =>
        _meter ? TryAppendToHead<ByMeter>(record) : TryAppendToHead<ByPower>(record);

    /// <summary>
    /// <see cref="TryAppendToHead(in InputRecord)"/> for the rule's method, which the type argument
    /// names: the JIT compiles a copy per marker with the other method's branch left out, so that
    /// a loop inlining it carries one method's step only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryAppendToHead<TMethod>(in InputRecord record)
        where TMethod : struct
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

        double value;
        if (typeof(TMethod) == typeof(ByMeter))
        {
            // A meter's readings are kept in the register's unit (_readingFactor is 1).
            value = record.Value;
            if (!TryMeterStepOnHead(ref head, time, value))
            {
                return false;
            }
        }
        else
        {
            value = record.Value * _readingFactor;
            if (!TryPowerStepOnHead(ref head, time, value))
            {
                return false;
            }
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

    /// <summary>
    /// MeterStep's rules 2–4 for a reading in order: false, having changed nothing, for a step
    /// whose rate is not plainly inside the slope (a spike, a reset, a bound or a rollover), which
    /// the general path decides and counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryMeterStepOnHead(ref EnergyHead head, long time, double value)
    {
        double delta = value - head.BaseValue;
        if (time > head.BaseTime && delta != 0)
        {
            double energy = delta * _stepFactor;
            if (!head.Rate.Contains(energy, time - head.BaseTime))
            {
                return false;
            }

            AddStepToHead(ref head, energy * head.Scale, time, value);
        }

        return true;
    }

    /// <summary>
    /// PowerStep for a sample in order: false, having changed nothing, for a sample outside the
    /// range, which the <c>missing</c> policy decides on the general path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryPowerStepOnHead(ref EnergyHead head, long time, double power)
    {
        if (!InPowerRange(head.PowerRange, power))
        {
            return false;
        }

        if (time > head.BaseTime)
        {
            AddStepToHead(ref head, PowerAmount(head.BaseValue, power, time - head.BaseTime) * head.Scale, time, power);
        }

        return true;
    }

    /// <summary>
    /// Adds a step to both totals, as each output's interval takes the whole step: a rule with one
    /// output never reads the second, and adding to it costs less than asking. The reading is the
    /// next step's baseline. Only a negative step or total can cancel (see
    /// <see cref="EnergyPrecision.Add"/>): one test of their signs keeps the common case a plain sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddStepToHead(ref EnergyHead head, double scaled, long time, double value)
    {
        if ((BitConverter.DoubleToInt64Bits(scaled) | BitConverter.DoubleToInt64Bits(head.Sum0) | BitConverter.DoubleToInt64Bits(head.Sum1)) < 0)
        {
            head.Sum0 = EnergyPrecision.Add(head.Sum0, scaled);
            head.Sum1 = EnergyPrecision.Add(head.Sum1, scaled);
        }
        else
        {
            head.Sum0 += scaled;
            head.Sum1 += scaled;
        }

        head.BaseTime = time;
        head.BaseValue = value;
    }

    /// <summary>Lends the asset's head when its state allows (see <see cref="EnergyAssetState.CanLend"/>), else leaves it not lent.</summary>
    private void LendHead(int asset)
    {
        if (!_lendsHeads || Find(asset) is not { CanLend: true } state)
        {
            return;
        }

        if (asset >= _heads.Length)
        {
            Array.Resize(ref _heads, _assets.Length);
        }

        // The totals go into the head as each output's interval is checked: a head left with
        // them is still not lent (AppendUntil is not above Latest), so nothing reads them.
        ref EnergyHead head = ref _heads[asset];
        Debug.Assert(!head.Lent, "A head is lent only after every path has taken it back.");

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
            head.Sum(o) = state.Open[i].Sum;
        }

        if (until <= state.Latest)
        {
            return;
        }

        state.LendTo(ref head);
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

    // The markers of TryAppendToHead<TMethod>.
    private struct ByMeter;

    private struct ByPower;
}
