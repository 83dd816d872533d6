using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>The sequential algorithm's steps and their attribution to intervals.</summary>
public sealed partial class EnergyOperator<TParams>
{
    /// <summary>Rules 2–5 of <c>by meter</c>. Returns the step's energy, or NaN when there is no step.</summary>
    private double MeterStep(ref StepState s, double v, long t, ValueInterval slope, out bool discarded)
    {
        discarded = false;
        if (!s.HasBaseline)
        {
            s = new StepState { HasBaseline = true, Value = v, Time = t };
            return double.NaN;
        }

        double delta = v - s.Value;
        if (t <= s.Time || delta == 0)
        {
            // Same instant, or no change: the baseline stays where the last change was.
            return double.NaN;
        }

        double hours = Durations.ToHours(t - s.Time);
        double amount = double.NaN;
        if (slope.Contains(delta / hours))
        {
            amount = delta;
        }
        else if (_options.Rollover is double rollover && v < s.Value && slope.Contains((rollover - s.Value + v) / hours))
        {
            amount = rollover - s.Value + v;
        }
        else
        {
            discarded = true;
        }

        s = new StepState { HasBaseline = true, Value = v, Time = t };
        return amount;
    }

    /// <summary>Trapezoid or rectangle between the previous valid sample and this one.</summary>
    private double PowerStep(ref StepState s, double p, long t, ValueInterval? powerRange)
    {
        if (powerRange is { } range && !range.Contains(p))
        {
            if (_options.Missing == MissingPolicy.Ignore || !s.HasBaseline)
            {
                return double.NaN;
            }

            p = s.Value;
        }

        if (!s.HasBaseline || t <= s.Time)
        {
            if (!s.HasBaseline)
            {
                s = new StepState { HasBaseline = true, Value = p, Time = t };
            }

            return double.NaN;
        }

        double hours = Durations.ToHours(t - s.Time);
        double amount = _options.Method == EnergyMethod.InstantPower ? (s.Value + p) / 2 * hours : p * hours;
        s = new StepState { HasBaseline = true, Value = p, Time = t };
        return amount;
    }

    /// <summary>
    /// Rule 6: the whole step to the intervals of its end, or pro-rated by time with <c>split</c>.
    /// Adds the step to the totals and records on the reading what it added (split steps also in
    /// the replay's contribution list).
    /// </summary>
    private void Attribute(int asset, EnergyAssetState state, ref EnergyReading reading, long from, double amount, TimeZoneInfo zone)
    {
        long to = reading.Time;
        if (!_options.Split)
        {
            for (int o = 0; o < _outputs.Length; o++)
            {
                TimeWindow interval = _grids[o].Containing(asset, to, zone);
                Add(state, new Contribution(o, interval.Start, interval.End, amount), amount);
            }

            reading.Amount = amount;
            return;
        }

        int first = _replayed.Count;
        for (int o = 0; o < _outputs.Length; o++)
        {
            GridSpec grid = _outputs[o].Grid;
            for (TimeWindow w = grid.Containing(from, zone); w.Start < to; w = grid.Next(w, zone))
            {
                long overlap = Math.Min(w.End, to) - Math.Max(w.Start, from);
                if (overlap > 0)
                {
                    var c = new Contribution(o, w.Start, w.End, amount * overlap / (to - from));
                    _replayed.Add(c);
                    Add(state, c, c.Amount);
                }
            }
        }

        reading.Contributions = _replayed.Count - first;
    }
}
