using Dsl.Runtime.State;
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

    private sealed class Device(IDevice inner, SwitchableDisk disk) : DelegatingDevice(inner)
    {
        // ENOSPC.
        private const uint NoSpace = 28;

        public override void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
        {
            if (disk.Full)
            {
                callback(NoSpace, 0, context);
                return;
            }

            base.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, callback, context);
        }

        public override void WriteAsync(IntPtr sourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
        {
            if (disk.Full)
            {
                callback(NoSpace, 0, context);
                return;
            }

            base.WriteAsync(sourceAddress, alignedDestinationAddress, numBytesToWrite, callback, context);
        }
    }
}
