using Dsl.Runtime.State;
using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// A channel log's device that can be retired: once the log it serves failed and a new log was
/// opened on the same files, nothing of the old one may reach them. FASTER may still issue writes
/// for the old log (a page that filled, a flush queued in its epoch); after <see cref="Retire"/>
/// they fail without touching the files, deletions are skipped, and reads (old readers still
/// finishing their page) go on.
/// </summary>
internal sealed class RetirableLogDevice(IDevice inner) : DelegatingDevice(inner)
{
    // Any error code FASTER sees as a failed write: the old log has failed anyway.
    private const uint RefusedWrite = 5;
    private int _writing;
    private int _retired;

    private bool Retired => Volatile.Read(ref _retired) == 1;

    /// <summary>
    /// From now on writes fail and nothing is deleted; waits up to <paramref name="wait"/> for the
    /// writes under way. False when some are still under way (a disk that hangs).
    /// </summary>
    public bool Retire(TimeSpan wait)
    {
        Interlocked.Exchange(ref _retired, 1);
        return SpinWait.SpinUntil(() => Volatile.Read(ref _writing) == 0, wait);
    }

    public override void WriteAsync(IntPtr sourceAddress, int segmentId, ulong destinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
    {
        if (Admit(callback, context) is not { } done)
        {
            return;
        }

        try
        {
            Inner.WriteAsync(sourceAddress, segmentId, destinationAddress, numBytesToWrite, done, context);
        }
        catch
        {
            NotIssued();
            throw;
        }
    }

    public override void WriteAsync(IntPtr sourceAddress, ulong alignedDestinationAddress, uint numBytesToWrite, DeviceIOCompletionCallback callback, object context)
    {
        if (Admit(callback, context) is not { } done)
        {
            return;
        }

        try
        {
            Inner.WriteAsync(sourceAddress, alignedDestinationAddress, numBytesToWrite, done, context);
        }
        catch
        {
            NotIssued();
            throw;
        }
    }

    public override void TruncateUntilAddress(long toAddress)
    {
        if (!Retired)
        {
            Inner.TruncateUntilAddress(toAddress);
        }
    }

    public override void TruncateUntilAddressAsync(long toAddress, AsyncCallback callback, IAsyncResult result)
    {
        if (Retired)
        {
            callback(result);
            return;
        }

        Inner.TruncateUntilAddressAsync(toAddress, callback, result);
    }

    public override void TruncateUntilSegment(int toSegment)
    {
        if (!Retired)
        {
            Inner.TruncateUntilSegment(toSegment);
        }
    }

    public override void TruncateUntilSegmentAsync(int toSegment, AsyncCallback callback, IAsyncResult result)
    {
        if (Retired)
        {
            callback(result);
            return;
        }

        Inner.TruncateUntilSegmentAsync(toSegment, callback, result);
    }

    public override void RemoveSegment(int segment)
    {
        if (!Retired)
        {
            Inner.RemoveSegment(segment);
        }
    }

    public override void RemoveSegmentAsync(int segment, AsyncCallback callback, IAsyncResult result)
    {
        if (Retired)
        {
            // Nothing to do, but the caller waits for its callback.
            callback(result);
            return;
        }

        Inner.RemoveSegmentAsync(segment, callback, result);
    }

    /// <summary>
    /// Counts a write as under way and returns the callback that ends it, or refuses it (its
    /// callback called with an error) once retired. Counted first, then checked: a write that
    /// passes the check is one <see cref="Retire"/> waits for.
    /// </summary>
    private DeviceIOCompletionCallback? Admit(DeviceIOCompletionCallback callback, object context)
    {
        Interlocked.Increment(ref _writing);
        if (Retired)
        {
            Interlocked.Decrement(ref _writing);
            callback(RefusedWrite, 0, context);
            return null;
        }

        return (errorCode, numBytes, state) =>
        {
            Interlocked.Decrement(ref _writing);
            callback(errorCode, numBytes, state);
        };
    }

    // A write that threw was never issued, so it will not complete.
    private void NotIssued() => Interlocked.Decrement(ref _writing);
}
