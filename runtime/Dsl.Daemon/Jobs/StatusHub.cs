using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Jobs;

/// <summary>Fans status changes out to <c>Jobs.Watch</c> streams without ever waiting on a client.</summary>
public sealed class StatusHub
{
    private readonly Lock _gate = new();
    private readonly List<(HashSet<string> Jobs, IServerStreamWriter<JobStatusEvent> Stream)> _watchers = [];

    /// <summary>Sends a change to every watcher of the job.</summary>
    public void Publish(JobStatusEvent change)
    {
        lock (_gate)
        {
            _watchers.RemoveAll(w => (w.Jobs.Count == 0 || w.Jobs.Contains(change.Name)) && !w.Stream.TryWrite(change));
        }
    }

    /// <summary>Streams changes until the call ends; <paramref name="snapshot"/> is sent first.</summary>
    public async Task WatchAsync(WatchRequest request, IReadOnlyList<JobStatusEvent> snapshot, IServerStreamWriter<JobStatusEvent> responses, CancellationToken cancellationToken)
    {
        var entry = (request.Names.ToHashSet(StringComparer.Ordinal), responses);
        lock (_gate)
        {
            // Under the lock, so no change slips between the snapshot and the subscription.
            foreach (JobStatusEvent current in snapshot)
            {
                responses.TryWrite(current);
            }

            _watchers.Add(entry);
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The call ended.
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(entry);
            }
        }
    }
}
