using Dsl.Runtime.Records;

namespace Dsl.Runtime.Sources;

/// <summary>Parsed records handed from the reader thread to the processing thread in one piece.</summary>
internal sealed class RecordBatch
{
    // A few thousand records amortise the hand-over (one queue operation, one wake-up) to well
    // under a nanosecond a record, while 8 batches in flight stay inside the L2 cache.
    public const int Capacity = 4096;

    public InputRecord[] Records { get; } = new InputRecord[Capacity];

    public int Count { get; set; }

    public bool IsFull => Count == Records.Length;
}
