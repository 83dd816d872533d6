using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>
/// FASTER's log device with deletion under the runtime's control. Every FASTER checkpoint deletes
/// the log segments below its own begin address; after a compaction that would take segments the
/// previous checkpoint (kept as a fallback) still needs. So FASTER's requests are clamped to a
/// floor, and the store raises the floor, and deletes up to it, only once no kept checkpoint
/// needs what lies below.
/// </summary>
internal sealed class RetainingLogDevice(IDevice inner) : DelegatingDevice(inner)
{
    private long _floor;

    /// <summary>Deletes the segments wholly below <paramref name="address"/>, and lets FASTER do so from now on.</summary>
    public void ReleaseBelow(long address)
    {
        if (address <= Volatile.Read(ref _floor))
        {
            return;
        }

        Volatile.Write(ref _floor, address);

        // The device enters FASTER's epoch itself to delete, as when FASTER calls it from a pool thread.
        Inner.TruncateUntilAddress(address);
    }

    public override void TruncateUntilAddress(long toAddress) => Inner.TruncateUntilAddress(Clamp(toAddress));

    public override void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) =>
        Inner.TruncateUntilAddressAsync(Clamp(toAddress), callback, result);

    public override void TruncateUntilSegment(int toSegment) => Inner.TruncateUntilSegment(ClampSegment(toSegment));

    public override void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) =>
        Inner.TruncateUntilSegmentAsync(ClampSegment(toSegment), callback, result);

    public override void RemoveSegment(int segment)
    {
        if (segment < ClampSegment(segment + 1))
        {
            Inner.RemoveSegment(segment);
        }
    }

    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        if (segment < ClampSegment(segment + 1))
        {
            Inner.RemoveSegmentAsync(segment, callback, result);
        }
        else
        {
            // Nothing to do, but the caller waits for its callback.
            callback(result);
        }
    }

    private long Clamp(long address) => Math.Min(address, Volatile.Read(ref _floor));

    private int ClampSegment(int segment) => (int)Math.Min(segment, Clamp(segment * SegmentSize) / SegmentSize);
}
