using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>
/// A FASTER device that hands every request to another: the base of the wrappers that take over
/// some of them (what a log may delete, whether it may still write) and pass the rest on.
/// </summary>
public abstract class DelegatingDevice : IDevice
{
    protected DelegatingDevice(IDevice inner) => Inner = inner;

    protected IDevice Inner { get; }

    public uint SectorSize => Inner.SectorSize;

    public string FileName => Inner.FileName;

    public long Capacity => Inner.Capacity;

    public long SegmentSize => Inner.SegmentSize;

    public int StartSegment => Inner.StartSegment;

    public int EndSegment => Inner.EndSegment;

    public int ThrottleLimit
    {
        get => Inner.ThrottleLimit;
        set => Inner.ThrottleLimit = value;
    }

    public void Initialize(long segmentSize, LightEpoch? epoch = null, bool omitSegmentIdFromFilename = false) =>
        Inner.Initialize(segmentSize, epoch, omitSegmentIdFromFilename);

    public bool TryComplete() => Inner.TryComplete();

    public bool Throttle() => Inner.Throttle();

    public virtual void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        Inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, callback, context);

    public virtual void WriteAsync(IntPtr sourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context) =>
        Inner.WriteAsync(sourceAddress, alignedDestinationAddress, numBytesToWrite, callback, context);

    public void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context) =>
        Inner.ReadAsync(segmentId, sourceAddress, destinationAddress, readLength, callback, context);

    public void ReadAsync(ulong alignedSourceAddress, IntPtr alignedDestinationAddress, uint alignedReadLength, DeviceIOCompletionCallback callback, object context) =>
        Inner.ReadAsync(alignedSourceAddress, alignedDestinationAddress, alignedReadLength, callback, context);

    public virtual void TruncateUntilAddress(long toAddress) => Inner.TruncateUntilAddress(toAddress);

    public virtual void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) =>
        Inner.TruncateUntilAddressAsync(toAddress, callback, result);

    public virtual void TruncateUntilSegment(int toSegment) => Inner.TruncateUntilSegment(toSegment);

    public virtual void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) =>
        Inner.TruncateUntilSegmentAsync(toSegment, callback, result);

    public virtual void RemoveSegment(int segment) => Inner.RemoveSegment(segment);

    public virtual void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result) =>
        Inner.RemoveSegmentAsync(segment, callback, result);

    public long GetFileSize(int segment) => Inner.GetFileSize(segment);

    public void Reset() => Inner.Reset();

    public void Dispose()
    {
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }
}
