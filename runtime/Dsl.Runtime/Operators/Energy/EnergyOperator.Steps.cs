using System.Runtime.CompilerServices;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>The sequential algorithm's steps and their attribution to intervals.</summary>
public sealed partial class EnergyOperator<TParams>
{
    /// <summary>
    /// Whether the step <paramref name="delta"/>, computed from values up to <paramref name="readings"/>,
    /// has its rate in the slope interval, the step taken as the readings write it (<see cref="EnergyPrecision.Step"/>)
    /// and the rate as the step and the hours give it (<see cref="EnergyPrecision.Rate"/>):
    /// 390.3 over an hour is inside [0, 390.3], 0.001 inside [0, 0.001], and 1.6 over 20 minutes
    /// inside [0, 4.8], whatever the binary noise of the subtraction and the division. Rounding
    /// costs a logarithm, so it decides only a rate outside <see cref="StepParameters.SlopeInside"/>:
    /// spikes, resets and the bounds.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsValidSlope(in StepParameters parameters, double delta, double readings, double hours) =>
        parameters.SlopeInside.Contains(delta / hours) || parameters.Slope.Contains(EnergyPrecision.Rate(EnergyPrecision.Step(delta, readings), hours));

    /// <summary>Rules 2–5 of <c>by meter</c>. Returns the step's energy, or NaN when there is no step.</summary>
    private double MeterStep(ref StepState s, double v, long t, in StepParameters parameters, out bool discarded)
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

        // In kWh: the register's unit applies to the step (see _stepFactor).
        double energy = delta * _stepFactor;
        double amount = double.NaN;
        if (parameters.RateInside.Contains(energy, t - s.Time))
        {
            amount = energy;
        }
        else
        {
            double hours = Durations.ToHours(t - s.Time);
            if (IsValidSlope(parameters, energy, Math.Max(Math.Abs(v), Math.Abs(s.Value)) * _stepFactor, hours))
            {
                amount = energy;
            }
            else if (_rollover is double rollover && v < s.Value
                && IsValidSlope(parameters, (rollover - s.Value + v) * _stepFactor, Math.Abs(rollover) * _stepFactor, hours))
            {
                amount = (rollover - s.Value + v) * _stepFactor;
            }
            else
            {
                discarded = true;
            }
        }

        s = new StepState { HasBaseline = true, Value = v, Time = t };
        return amount;
    }

    /// <summary>
    /// Whether a power sample, converted to kW, lies in the rule's <c>range</c> as the sample's
    /// figures give it: a sample in W or MW is converted by a product that can leave a unit in the
    /// last binary place (3300 W × 0.001 is 3.3000000000000003 kW, 16.1 MW × 1000 is
    /// 16100.000000000002 kW), which would put a sample at a bound outside it. So a converted
    /// sample is judged at 15 significant digits, as a reading is. Rounding costs a logarithm and
    /// moves a sample by less than a billionth of itself, so only a sample that close to a bound
    /// pays for it.
    /// </summary>
    private bool InPowerRange(in ValueInterval range, double p)
    {
        double margin = Math.Abs(p) * 1e-9;
        bool nearBound = Math.Abs(p - range.Lower) <= margin || Math.Abs(p - range.Upper) <= margin;
        return range.Contains(_readingFactor != 1 && nearBound ? EnergyPrecision.Reading(p) : p);
    }

    /// <summary>Trapezoid or rectangle between the previous valid sample and this one.</summary>
    private double PowerStep(ref StepState s, double p, long t, ValueInterval? powerRange)
    {
        if (powerRange is { } range && !InPowerRange(range, p))
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

        double amount = PowerAmount(s.Value, p, t - s.Time);
        s = new StepState { HasBaseline = true, Value = p, Time = t };
        return amount;
    }

    /// <summary>
    /// The energy in kWh from a sample to the next <paramref name="ms"/> later: the trapezoid of
    /// the two (<c>instant_power</c>) or the rectangle of the later one (<c>average_power</c>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double PowerAmount(double previous, double power, long ms)
    {
        double hours = Durations.ToHours(ms);
        return _trapezoid ? (previous + power) / 2 * hours : power * hours;
    }

    /// <summary>The step a reading makes from <paramref name="s"/>: its energy (NaN when there is none), before <c>scale</c>.</summary>
    private double Step(ref StepState s, double value, long time, in StepParameters parameters, out bool discarded)
    {
        if (_meter)
        {
            return MeterStep(ref s, value, time, parameters, out discarded);
        }

        discarded = false;
        return PowerStep(ref s, value, time, parameters.PowerRange);
    }

    /// <summary>The state after the horizon's readings [0, <paramref name="count"/>), stepped from the nearest snapshot before them.</summary>
    private StepState StateAfter(EnergyAssetState state, int count, in StepParameters parameters)
    {
        (StepState s, int from) = state.StartFor(count);
        for (int j = from; j < count; j++)
        {
            ref EnergyReading reading = ref state.Readings[j];
            Step(ref s, reading.Value, reading.Time, parameters, out _);
        }

        return s;
    }

    /// <summary>
    /// Rule 6: adds a step's energy (negative to take it back) to the intervals of its end, whole, or
    /// pro-rated by time over the intervals it spans with <c>split</c>.
    /// </summary>
    private void Attribute(int asset, EnergyAssetState state, long from, long to, double amount, TimeZoneInfo zone)
    {
        if (!_options.Split)
        {
            for (int o = 0; o < _outputs.Length; o++)
            {
                TimeWindow interval = _grids[o].Containing(asset, to, zone);
                Add(state, new EnergyIntervalKey(o, interval.Start, interval.End), amount);
            }

            return;
        }

        for (int o = 0; o < _outputs.Length; o++)
        {
            GridSpec grid = _outputs[o].Grid;
            for (TimeWindow w = grid.Containing(from, zone); w.Start < to; w = grid.Next(w, zone))
            {
                long overlap = Math.Min(w.End, to) - Math.Max(w.Start, from);
                if (overlap > 0)
                {
                    Add(state, new EnergyIntervalKey(o, w.Start, w.End), amount * overlap / (to - from));
                }
            }
        }
    }
}
