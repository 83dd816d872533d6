using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// Reads a channel's committed entries in order, across reopenings of its log: when the log was
/// reopened (<see cref="LogGeneration"/>), the next read goes on in the new one from the address
/// after the last entry read. A reopened log recovers exactly what had been committed, so nothing
/// read is read again and nothing committed is skipped. One reader is used by one thread at a time.
/// </summary>
public sealed class ChannelReader : IDisposable
{
    private readonly ChannelLog _channel;
    private readonly long _end;
    private LogGeneration _generation;
    private FasterLogScanIterator _iterator;

    // Where a read past the failed log's limit stopped (the iterator has moved past it).
    private long _stoppedAt = -1;

    internal ChannelReader(ChannelLog channel, long address, long end)
    {
        _channel = channel;
        _end = end;
        (_generation, _iterator) = channel.Open(address, end);
    }

    /// <summary>The next committed entry, if there is one yet; see <see cref="FasterLogScanIterator.GetNext(out byte[], out int, out long, out long)"/>.</summary>
    public bool GetNext(out byte[] entry, out int entryLength, out long currentAddress, out long nextAddress)
    {
        if (_generation != _channel.Current)
        {
            Follow();
        }
        else if (_stoppedAt >= 0)
        {
            (entry, entryLength, currentAddress, nextAddress) = (default!, 0, 0, 0);
            return false;
        }

        if (Next(out entry, out entryLength, out currentAddress, out nextAddress))
        {
            if (currentAddress < _generation.ReadLimit)
            {
                return true;
            }

            // Committed by a failed log after its last commit record: not in the reopened log.
            _stoppedAt = currentAddress;
        }

        return false;
    }

    /// <summary>
    /// The iterator's next entry. A committed entry FASTER cannot read (a segment cut short or
    /// overwritten on disk: "Uninitialized page found during scan") is damage to the channel's
    /// files, which no retry mends; it is said so, naming the folder, instead of in FASTER's words.
    /// </summary>
    private bool Next(out byte[] entry, out int entryLength, out long currentAddress, out long nextAddress)
    {
        try
        {
            return _iterator.GetNext(out entry, out entryLength, out currentAddress, out nextAddress);
        }
        catch (FasterException e)
        {
            throw new ChannelFailedException(
                $"the {_channel.Name} channel's log in {_channel.Folder} is damaged: its committed entries cannot be read past address {_iterator.NextAddress} ({e.Message.TrimEnd('.')}), as when a segment file was cut short or overwritten. Restore the folder from a backup, or move it aside to start the channel empty (jobs that had read it then fail, and a stop and a start run them from its tail)",
                e);
        }
    }

    /// <summary>
    /// Waits until there is more to read: an entry committed, or the log reopened after a failure
    /// (until then nothing is committed, and it waits). False once the channel closed.
    /// </summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            LogGeneration generation = _generation;
            if (generation != _channel.Current)
            {
                return true;
            }

            if (generation.Retired.IsCompleted)
            {
                return false;
            }

            if (generation.Failed)
            {
                await generation.Retired.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            // FASTER's own wait would spin on the failed commit of a log that failed meanwhile.
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, generation.Failing);
            try
            {
                return await _iterator.WaitAsync(waiting.Token).ConfigureAwait(false);
            }
            catch (Exception) when (generation.Failed && !cancellationToken.IsCancellationRequested)
            {
                // The log failed while waiting: wait for it to be reopened.
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _iterator.Dispose();
        _generation.RemoveReader();
    }

    private void Follow()
    {
        long next = _stoppedAt >= 0 ? _stoppedAt : _iterator.NextAddress;
        Dispose();
        _stoppedAt = -1;
        (_generation, _iterator) = _channel.Open(next, _end);
    }
}
