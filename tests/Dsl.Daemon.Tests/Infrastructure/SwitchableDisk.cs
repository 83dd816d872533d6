using FASTER.core;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>
/// A disk that can be made full: while <see cref="Full"/>, every write of the devices it opens
/// fails (as FASTER sees a write that ENOSPC refused) and writes nothing; reads go on.
/// </summary>
internal sealed class SwitchableDisk
{
    public volatile bool Full;

    /// <summary>Opens a FasterLog device for <paramref name="path"/> on this disk.</summary>
    public IDevice Open(string path) => new Device(Devices.CreateLogDevice(path, preallocateFile: false), this);

    private sealed class Device(IDevice inner, SwitchableDisk disk) : IDevice
    {
        // ENOSPC.
        private const uint NoSpace = 28;

        public uint SectorSize => inner.SectorSize;

        public string FileName => inner.FileName;

        public long Capacity => inner.Capacity;

        public long SegmentSize => inner.SegmentSize;

        public int StartSegment => inner.StartSegment;

        public int EndSegment => inner.EndSegment;

        public int ThrottleLimit
        {
            get => inner.ThrottleLimit;
            set => inner.ThrottleLimit = value;
        }

        public void Initialize(long segmentSize, LightEpoch? epoch = null, bool omitSegmentIdFromFilename = false) =>
            inner.Initialize(segmentSize, epoch, omitSegmentIdFromFilename);

        public bool TryComplete() => inner.TryComplete();

        public bool Throttle() => inner.Throttle();

        public void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
        {
            if (disk.Full)
            {
                callback(NoSpace, 0, context);
                return;
            }

            inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, callback, context);
        }

        public void WriteAsync(IntPtr sourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
        {
            if (disk.Full)
            {
                callback(NoSpace, 0, context);
                return;
            }

            inner.WriteAsync(sourceAddress, alignedDestinationAddress, numBytesToWrite, callback, context);
        }

        public void ReadAsync(int segmentId, ulong sourceAddress, IntPtr destinationAddress, uint readLength, DeviceIOCompletionCallback callback, object context) =>
            inner.ReadAsync(segmentId, sourceAddress, destinationAddress, readLength, callback, context);

        public void ReadAsync(ulong alignedSourceAddress, IntPtr alignedDestinationAddress, uint alignedReadLength, DeviceIOCompletionCallback callback, object context) =>
            inner.ReadAsync(alignedSourceAddress, alignedDestinationAddress, alignedReadLength, callback, context);

        public void TruncateUntilAddress(long toAddress) => inner.TruncateUntilAddress(toAddress);

        public void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result) => inner.TruncateUntilAddressAsync(toAddress, callback, result);

        public void TruncateUntilSegment(int toSegment) => inner.TruncateUntilSegment(toSegment);

        public void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result) => inner.TruncateUntilSegmentAsync(toSegment, callback, result);

        public void RemoveSegment(int segment) => inner.RemoveSegment(segment);

        public void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result) => inner.RemoveSegmentAsync(segment, callback, result);

        public long GetFileSize(int segment) => inner.GetFileSize(segment);

        public void Reset() => inner.Reset();

        public void Dispose() => inner.Dispose();
    }
}
