using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>
/// The common case: a reading at or after every accepted one, without <c>split</c>. No later step
/// needs recomputing, and the step goes whole to the intervals containing the reading, which are
/// the ones it touches anyway; so this is <see cref="Replay"/> of one reading without its
/// bookkeeping. The totals see the same additions and the outputs come in the same order.
/// </summary>
public sealed partial class EnergyOperator<TParams>
{
    private void AppendInOrder(int asset, EnergyAssetState state, long time, double value, in StepParameters parameters, TimeZoneInfo zone)
    {
        StepState s = state.Last;
        double amount = Step(ref s, value, time, parameters, out bool discarded);
        if (discarded)
        {
            _context.Counters.Increment(Counter.DiscardedSteps);
        }

        bool step = !double.IsNaN(amount);
        double scaled = amount * parameters.Scale;
        for (int o = 0; o < _outputs.Length; o++)
        {
            TimeWindow interval = _grids[o].Containing(asset, time, zone);
            ref OpenInterval total = ref state.Open.GetOrAdd(o, interval.Start, interval.End);
            if (step)
            {
                total.Sum += scaled;
            }

            // As EmitUpdate, on the interval at hand (the ref is valid until the next one opens).
            if (total.Emitted && total.Sum != total.LastEmitted)
            {
                total.LastEmitted = total.Sum;
                Emit(asset, o, interval.Start, total.Sum, CalMode.Update);
            }
        }

        state.AddReading(time, value, s);
    }
}
