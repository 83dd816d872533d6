using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// Fans committed output records out to <c>WatchOutputs</c> streams. Writes never wait: a
/// watcher whose buffer is full is dropped by the wire layer and forgotten here.
/// </summary>
public sealed class OutputHub
{
    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];
    private long _position;

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

    /// <summary>Adds a watcher until <paramref name="cancellationToken"/> fires.</summary>
    public async Task WatchAsync(WatchOutputsRequest request, IServerStreamWriter<OutputRecord> responses, CancellationToken cancellationToken)
    {
        var watcher = new Watcher(request.Channel, request.Jobs.ToHashSet(StringComparer.Ordinal), responses);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The call ended: the client cancelled or went away, or the daemon stops.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>Sends one committed output to every matching watcher.</summary>
    public void Publish(string job, Channel channel, Record record)
    {
        Watcher[] watchers;
        lock (_gate)
        {
            watchers = [.. _watchers];
        }

        long position = Interlocked.Increment(ref _position);
        foreach (Watcher watcher in watchers)
        {
            if (watcher.Channel != channel || (watcher.Jobs.Count > 0 && !watcher.Jobs.Contains(job)))
            {
                continue;
            }

            if (!watcher.Stream.TryWrite(new OutputRecord { Job = job, Channel = channel, Record = record, Position = (ulong)position }))
            {
                lock (_gate)
                {
                    _watchers.Remove(watcher);
                }
            }
        }
    }

    private sealed record Watcher(Channel Channel, HashSet<string> Jobs, IServerStreamWriter<OutputRecord> Stream);
}
