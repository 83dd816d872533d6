using System.Runtime.CompilerServices;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>Closing windows: emitting what is due, with <c>fill 0</c>, and dropping what has expired.</summary>
public sealed partial class WindowOperator<TInputs, THead>
{
    /// <summary>
    /// Emits and drops what the new latest time makes due or expired (or everything, at the end of
    /// input), in window-start order, with the zero results of <c>fill 0</c> interleaved.
    /// </summary>
    private void Transition(int asset, long latest, long closeEndingBy)
    {
        _closedEnd = long.MinValue;
        List<long>? open = asset < _open.Length ? _open[asset] : null;
        int keyed = open?.Count ?? 0;
        int i = 0;

        // The head, when there is one, is the newest open window: it comes after the keyed ones.
        bool headLeft = _useHead && asset < _heads.Length && _heads[asset].Active;
        long quiet = long.MaxValue;
        while (true)
        {
            long nextOpen = i < keyed ? open![i] : headLeft ? _heads[asset].Start : long.MaxValue;
            if (_hasFill && FillDue(asset, latest, closeEndingBy, out TimeWindow fill) && fill.Start <= nextOpen)
            {
                _closedEnd = Math.Max(_closedEnd, fill.End);
                if (fill.Start < nextOpen && !HasWindow(asset, fill.Start))
                {
                    Emit(asset, fill, _options.Emit == EmitPolicy.Final ? CalMode.Final : CalMode.Ontime, hasState: false);
                }

                ref WindowProgress progress = ref _progress[asset];
                TimeWindow next = _spec.Next(fill, _context.Assets.Zone(asset));
                progress.FillStart = next.Start;
                progress.FillEnd = next.End;
                continue;
            }

            if (i >= keyed)
            {
                if (headLeft)
                {
                    quiet = Math.Min(quiet, TransitionHead(asset, latest, closeEndingBy));
                    headLeft = false;
                    continue;
                }

                break;
            }

            var key = new WindowKey(asset, open![i]);
            ref WindowMeta meta = ref _windows.Find(key);
            var window = new TimeWindow(open[i], meta.End);
            if (meta.End <= closeEndingBy || meta.End + _lateness <= latest)
            {
                _closedEnd = Math.Max(_closedEnd, meta.End);
                bool emit = _options.Emit == EmitPolicy.Final || !meta.Emitted;
                CalMode mode = _options.Emit == EmitPolicy.Final ? CalMode.Final : CalMode.Ontime;
                meta.Emitted = true;
                if (emit)
                {
                    Emit(asset, window, mode, hasState: true);
                }

                RemoveWindow(asset, window.Start, i);
                keyed--;
                continue;
            }

            if (meta.End <= latest)
            {
                if (!meta.Emitted && _options.Emit != EmitPolicy.Final)
                {
                    meta.Emitted = true;
                    Emit(asset, window, CalMode.Ontime, hasState: true);
                }
            }
            else if (_options.Emit == EmitPolicy.Early && _options.EarlyEveryMs > 0)
            {
                long tick = EarlyTickReached(window, latest);
                if (tick > meta.LastEarlyTick)
                {
                    meta.LastEarlyTick = tick;
                    Emit(asset, window, CalMode.Early, hasState: true);
                }
            }

            // This window's next event: its on-time result at the end, else its expiry.
            long nextEvent = meta.Emitted || _options.Emit == EmitPolicy.Final ? meta.End + _lateness : meta.End;
            quiet = Math.Min(quiet, nextEvent);
            i++;

            // Hopping windows end in the order they start: once one is neither closed nor due, so
            // is every one after it, and none of them has an earlier event (early ticks aside).
            if (_usePanes && meta.End > latest && _options.Emit != EmitPolicy.Early)
            {
                break;
            }
        }

        if (_hasFill)
        {
            // The next grid window to consider for a zero result is due at the same bound as FillDue's.
            WindowProgress progress = _progress[asset];
            quiet = Math.Min(quiet, _options.Emit == EmitPolicy.Final ? progress.FillEnd + _lateness : progress.FillEnd);
        }

        if (_canSkipTransitions)
        {
            SetQuietUntil(asset, closeEndingBy != CloseNone ? long.MinValue : quiet);
        }
    }

    /// <summary>Whether a window starting at <paramref name="start"/> is open (keyed or the head).</summary>
    private bool HasWindow(int asset, long start) =>
        IsHead(asset, start) || !Unsafe.IsNullRef(ref _windows.Find(new WindowKey(asset, start)));

    private void SetQuietUntil(int asset, long time) => Slot(asset).QuietUntil = time;

    /// <summary>The asset's slot, growing the slots to hold it (new slots are zeroed: no head, quiet bound not known).</summary>
    private ref WindowHeadSlot<THead> Slot(int asset)
    {
        if (asset >= _heads.Length)
        {
            Array.Resize(ref _heads, _context.Assets.CapacityFor(asset, _heads.Length));
        }

        return ref _heads[asset];
    }

    private bool FillDue(int asset, long latest, long closeEndingBy, out TimeWindow fill)
    {
        WindowProgress progress = _progress[asset];
        fill = new TimeWindow(progress.FillStart, progress.FillEnd);
        if (progress.ClosedIdle && fill.Start > NewestOpenStart(asset))
        {
            // The latest time was moved by an idle close, past the latest record: the zero results
            // up to that record's window are out, but for windows before one still open.
            return false;
        }

        if (fill.End <= closeEndingBy && fill.Start <= latest)
        {
            // Closing (end of input, idle): fill up to and including the window of the latest
            // record, those that end by the bound.
            return true;
        }

        long bound = _options.Emit == EmitPolicy.Final ? fill.End + _lateness : fill.End;
        return bound <= latest;
    }

    private void Emit(int asset, TimeWindow window, CalMode mode, bool hasState)
    {
        long time = _options.StampEnd ? window.End : window.Start;
        bool head = hasState && IsHead(asset, window.Start);
        if (head && !AnyFillSkipped(asset, window.Start))
        {
            _heads[asset].Partials.Emit(asset, time, mode, _context.Output);
            return;
        }

        for (int o = 0; o < _outputs.Length; o++)
        {
            AggregateOutput output = _outputs[o];
            Moments moments = default;
            if (head)
            {
                _heads[asset].Partials.CopyTo(o, ref moments);
            }
            else if (hasState && _usePanes)
            {
                moments = MergePanes(asset, window, o);
            }
            else if (hasState)
            {
                ref Moments found = ref _moments.Find(new OutputWindowKey(asset, window.Start, o));
                if (!Unsafe.IsNullRef(ref found))
                {
                    moments = found;
                }
            }

            if (moments.Count == 0 && (output.Fill is null || FillSkipped(o, asset, window.Start)))
            {
                continue;
            }

            if (!AggregateMath.HasResult(output.Kind, moments.Count))
            {
                continue;
            }

            SampleList? samples = !_needsSamples[o] ? null
                : _usePanes ? MergePaneSamples(asset, window, o)
                : _samples.TryGetValue(new OutputWindowKey(asset, window.Start, o), out SampleList? s) ? s : null;
            _context.Output.EmitResult(asset, output.Point, time, AggregateMath.Compute(output, moments, samples, window, ref _scratch), mode);
        }
    }

    /// <summary>Whether a <c>fill</c> output skips the asset for lack of an attribute (<see cref="FillSkip"/>).</summary>
    private bool FillSkipped(int output, int asset, long time) =>
        FillSkip.LacksAttribute(_inputs, _context, output, asset, _options.InputPoint, time);

    /// <summary>The last early tick (start + k·D) at or before <paramref name="latest"/>; the window start before the first, or without early results.</summary>
    private long EarlyTickReached(TimeWindow window, long latest) =>
        _options.Emit != EmitPolicy.Early || _options.EarlyEveryMs <= 0 || latest <= window.Start
            ? window.Start
            : window.Start + (Durations.FloorDiv(latest - window.Start, _options.EarlyEveryMs) * _options.EarlyEveryMs);

    private bool AnyFillSkipped(int asset, long time)
    {
        if (!_hasFill)
        {
            return false;
        }

        for (int o = 0; o < _outputs.Length; o++)
        {
            if (_outputs[o].Fill is not null && FillSkipped(o, asset, time))
            {
                return true;
            }
        }

        return false;
    }

    private void InsertOpen(int asset, long start)
    {
        if (asset >= _open.Length)
        {
            Array.Resize(ref _open, _context.Assets.CapacityFor(asset, _open.Length));
        }

        List<long> open = _open[asset] ??= [];

        // A new window may be due before the asset's quiet time (when it is out of order).
        if (asset < _heads.Length)
        {
            _heads[asset].QuietUntil = long.MinValue;
        }

        int index = open.Count;
        while (index > 0 && open[index - 1] > start)
        {
            index--;
        }

        open.Insert(index, start);
    }

    private void RemoveWindow(int asset, long start, int openIndex)
    {
        _windows.Remove(new WindowKey(asset, start));
        _chained?.Close(new WindowKey(asset, start));
        ClearPartials(asset, start);
        if (_usePanes)
        {
            // The pane starting with the window: no window still open holds it.
            ForgetPane(asset, start);
        }

        _open[asset]?.RemoveAt(openIndex);
    }

    private void ClearPartials(int asset, long start)
    {
        for (int o = 0; o < _outputs.Length; o++)
        {
            var key = new OutputWindowKey(asset, start, o);
            _moments.Remove(key);
            if (_samples.Remove(key, out SampleList? samples))
            {
                samples.Clear();
                _samplePool.Push(samples);
            }
        }
    }
}
