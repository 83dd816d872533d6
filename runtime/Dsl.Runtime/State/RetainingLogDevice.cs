using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>
/// FASTER's log device with deletion under the runtime's control. Every FASTER checkpoint deletes
/// the log segments below its own begin address; after a compaction that would take segments the
/// previous checkpoint (kept as a fallback) still needs. So FASTER's requests are clamped to a
/// floor, and the store raises the floor, and deletes up to it, only once no kept checkpoint
/// needs what lies below.
/// </summary>
internal sealed class RetainingLogDevice : IDevice
{
    private readonly IDevice _inner;
    private long _floor;

    public RetainingLogDevice(IDevice inner) => _inner = inner;

    /// <summary>Deletes the segments wholly below <paramref name="address"/>, and lets FASTER do so from now on.</summary>
    public void ReleaseBelow(long address)
    {
        if (address <= Volatile.Read(ref _floor))
        {
            return;
        }

        Volatile.Write(ref _floor, address);

        // The device enters FASTER's epoch itself to delete, as when FASTER calls it from a pool thread.
        _inner.TruncateUntilAddress(address);
    }

    public uint SectorSize => _inner.SectorSize;

    public string FileName => _inner.FileName;

    public long Capacity => _inner.Capacity;

    public long SegmentSize => _inner.SegmentSize;

    public int StartSegment => _inner.StartSegment;

    public int EndSegment => _inner.EndSegment;

    public int ThrottleLimit
    {
        get => _inner.ThrottleLimit;
        set => _inner.ThrottleLimit = value;
    }

    public void Initialize(long segmentSize, LightEpoch? epoch = null, bool omitSegmentIdFromFilename = false) =>
        _inner.Initialize(segmentSize, epoch, omitSegmentIdFromFilename);

    public bool TryComplete() => _inner.TryComplete();

    public bool Throttle() => _inner.Throttle();

    public void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        _inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, callback, context);

    public void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context) =>
        _inner.ReadAsync(segmentId, sourceAddress, destinationAddress, readLength, callback, context);

    public void WriteAsync(IntPtr sourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        _inner.WriteAsync(sourceAddress, alignedDestinationAddress, numBytesToWrite, callback, context);

    public void ReadAsync(ulong alignedSourceAddress, IntPtr alignedDestinationAddress, uint alignedReadLength, DeviceIOCompletionCallback callback, object context) =>
        _inner.ReadAsync(alignedSourceAddress, alignedDestinationAddress, alignedReadLength, callback, context);

    public void TruncateUntilAddress(long toAddress) => _inner.TruncateUntilAddress(Clamp(toAddress));

    public void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) =>
        _inner.TruncateUntilAddressAsync(Clamp(toAddress), callback, result);

    public void TruncateUntilSegment(int toSegment) => _inner.TruncateUntilSegment(ClampSegment(toSegment));

    public void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) =>
        _inner.TruncateUntilSegmentAsync(ClampSegment(toSegment), callback, result);

    public void RemoveSegment(int segment)
    {
        if (segment < ClampSegment(segment + 1))
        {
            _inner.RemoveSegment(segment);
        }
    }

    public void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        if (segment < ClampSegment(segment + 1))
        {
            _inner.RemoveSegmentAsync(segment, callback, result);
        }
        else
        {
            // Nothing to do, but the caller waits for its callback.
            callback(result);
        }
    }

    public long GetFileSize(int segment) => _inner.GetFileSize(segment);

    public void Reset() => _inner.Reset();

    public void Dispose() => _inner.Dispose();

    private long Clamp(long address) => Math.Min(address, Volatile.Read(ref _floor));

    private int ClampSegment(int segment) => (int)Math.Min(segment, Clamp(segment * SegmentSize) / SegmentSize);
}
