using Dsl.Runtime.Assets;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;
using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>Windows of a chained point: a record at a time a window holds replaces the one held (<see cref="ChainedRecords"/>).</summary>
public sealed partial class WindowOperator<TInputs, THead>
{
    /// <summary>
    /// Holds a record of a chained point in its window (opened if need be). When it replaces one
    /// held at its time, the window's partials are computed again from what it holds, and true is
    /// returned; otherwise the record is to be added like any other. Hopping windows pass the newest
    /// window holding the record, whose start is the record's pane's: the list and the partials
    /// computed again are the pane's.
    /// </summary>
    private bool Replaces(in InputRecord record, in AssetScope scope, TimeWindow window, bool due)
    {
        OpenWindow(record.Asset, window, record.Time, due);
        var key = new WindowKey(record.Asset, window.Start);
        if (!_chained!.Hold(key, record))
        {
            return false;
        }

        ClearPartials(record.Asset, window.Start);
        foreach (InputRecord held in _chained[key]!)
        {
            // Counters count records as they arrive: of the held ones, only the new one.
            bool arriving = held.Time == record.Time;
            if (held.IsValid && Evaluate(held, scope, count: arriving))
            {
                AddValues(record.Asset, window.Start, held.Time);
            }
        }

        return true;
    }
}
