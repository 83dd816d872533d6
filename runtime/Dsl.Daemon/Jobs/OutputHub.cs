using System.Threading.Channels;
using Dsl.Control.V1;
using Channel = Dsl.Control.V1.Channel;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// Fans committed output records out to <c>WatchOutputs</c> streams. Publishing never waits: each
/// watcher has its own backlog, drained by its call at the pace its client reads. A job commits a
/// checkpoint's outputs at once, so a burst may be far larger than the wire's buffer; a client
/// that keeps reading gets all of it, and only one whose backlog passes the limit (it stopped
/// reading, or reads far slower than the jobs write) is dropped, with RESOURCE_EXHAUSTED.
/// </summary>
public sealed class OutputHub
{
    /// <summary>The default backlog limit per watcher: about a second of a busy daemon's output.</summary>
    public const long DefaultBacklogBytes = 64L << 20;

    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private readonly long _backlogBytes;

    public OutputHub(long backlogBytes = DefaultBacklogBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backlogBytes);
        _backlogBytes = backlogBytes;
    }

    /// <summary>Whether anyone watches; producers skip building records otherwise.</summary>
    public bool HasWatchers
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count > 0;
            }
        }
    }

    /// <summary>Sends the matching outputs to <paramref name="responses"/> until <paramref name="cancellationToken"/> fires or the backlog overflows.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the client fell too far behind.</exception>
    public async Task WatchAsync(WatchOutputsRequest request, IServerStreamWriter<OutputRecord> responses, CancellationToken cancellationToken)
    {
        using var watcher = new Watcher(request.Channel, request.Jobs.ToHashSet(StringComparer.Ordinal), _backlogBytes, cancellationToken);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        try
        {
            await foreach (OutputRecord record in watcher.Backlog.Reader.ReadAllAsync(watcher.Ended).ConfigureAwait(false))
            {
                // Waits while the client's wire buffer is full; an overflow of the backlog ends the wait.
                await responses.WriteAsync(record, watcher.Ended).ConfigureAwait(false);
                watcher.Sent(record);
            }
        }
        catch (OperationCanceledException) when (!watcher.Overflowed)
        {
            // The call ended: the client cancelled or went away, or the daemon stops.
            return;
        }
        catch (OperationCanceledException)
        {
            // The backlog overflowed: fall through to the status.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }

        // A client that stopped reading is dropped at once (its stream reset, not ended with a status
        // queued behind what it has not read); what it had not read is dropped with it.
        throw new StreamDroppedException($"the client fell more than {_backlogBytes} bytes of outputs behind");
    }

    /// <summary>Queues one committed output, at its address in the channel, for every matching watcher.</summary>
    public void Publish(string job, Channel channel, Record record, long address)
    {
        Watcher[] watchers;
        lock (_gate)
        {
            watchers = [.. _watchers];
        }

        OutputRecord? output = null;
        foreach (Watcher watcher in watchers)
        {
            if (watcher.Channel != channel || (watcher.Jobs.Count > 0 && !watcher.Jobs.Contains(job)))
            {
                continue;
            }

            output ??= new OutputRecord { Job = job, Channel = channel, Record = record, Position = (ulong)address };
            if (!watcher.Offer(output))
            {
                lock (_gate)
                {
                    _watchers.Remove(watcher);
                }
            }
        }
    }

    /// <summary>
    /// One stream's filter and backlog. An overflow ends the stream at once (<see cref="Ended"/>
    /// fires, also when the stream waits on its client), so a stalled client holds nothing.
    /// </summary>
    private sealed class Watcher(Channel channel, HashSet<string> jobs, long limit, CancellationToken call) : IDisposable
    {
        private readonly CancellationTokenSource _end = CancellationTokenSource.CreateLinkedTokenSource(call);
        private long _queuedBytes;
        private volatile bool _overflowed;

        public Channel Channel { get; } = channel;

        public HashSet<string> Jobs { get; } = jobs;

        public Channel<OutputRecord> Backlog { get; } = System.Threading.Channels.Channel.CreateUnbounded<OutputRecord>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

        /// <summary>Fires when the call ends or the backlog overflows.</summary>
        public CancellationToken Ended => _end.Token;

        public bool Overflowed => _overflowed;

        public bool Offer(OutputRecord record)
        {
            if (_overflowed)
            {
                return false;
            }

            if (Interlocked.Add(ref _queuedBytes, record.CalculateSize()) > limit)
            {
                _overflowed = true;
                Backlog.Writer.TryComplete();
                _end.Cancel();
                return false;
            }

            return Backlog.Writer.TryWrite(record);
        }

        public void Sent(OutputRecord record) => Interlocked.Add(ref _queuedBytes, -record.CalculateSize());

        public void Dispose() => _end.Dispose();
    }
}
