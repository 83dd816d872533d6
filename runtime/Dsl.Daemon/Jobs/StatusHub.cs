using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Daemon.Jobs;

/// <summary>Fans status changes out to <c>Jobs.Watch</c> streams without ever waiting on a client.</summary>
public sealed class StatusHub
{
    private readonly Lock _gate = new();
    private readonly List<Watcher> _watchers = [];

    /// <summary>Sends a change to every watcher of the job.</summary>
    public void Publish(JobStatusEvent change)
    {
        lock (_gate)
        {
            _watchers.RemoveAll(w => w.Wants(change) && !w.Stream.TryWrite(change));
        }
    }

    /// <summary>
    /// Streams changes until the call ends. <paramref name="current"/> (the jobs' statuses, or
    /// nothing) is read and sent first, under the lock that subscribes the watcher: a change made
    /// before the read is in it, one made after is published to the watcher, and none falls between.
    /// </summary>
    public async Task WatchAsync(WatchRequest request, Func<IReadOnlyList<JobStatusEvent>> current, IServerStreamWriter<JobStatusEvent> responses, CancellationToken cancellationToken)
    {
        Watcher watcher;
        lock (_gate)
        {
            IReadOnlyList<JobStatusEvent> snapshot = current();
            watcher = new Watcher(request.Names.ToHashSet(StringComparer.Ordinal), responses, snapshot);
            foreach (JobStatusEvent status in snapshot)
            {
                responses.TryWrite(status);
            }

            _watchers.Add(watcher);
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
                _watchers.Remove(watcher);
            }
        }
    }

    /// <summary>A <c>Jobs.Watch</c> stream and the jobs it follows (all when empty).</summary>
    private sealed class Watcher(HashSet<string> jobs, IServerStreamWriter<JobStatusEvent> stream, IReadOnlyList<JobStatusEvent> sent)
    {
        // A status is changed before its change is published, so the snapshot may already show a
        // change whose event comes after it; that event would say again what the snapshot said.
        private readonly Dictionary<string, JobStatusEvent> _shown = sent.ToDictionary(e => e.Name, StringComparer.Ordinal);

        public IServerStreamWriter<JobStatusEvent> Stream => stream;

        /// <summary>True when the change is for this watcher and news to it.</summary>
        public bool Wants(JobStatusEvent change)
        {
            if (jobs.Count > 0 && !jobs.Contains(change.Name))
            {
                return false;
            }

            // Only a job's first change can repeat the snapshot; after it, every change is news.
            return !_shown.Remove(change.Name, out JobStatusEvent? shown)
                || shown.Current != change.Current || shown.Version != change.Version || shown.Reason != change.Reason;
        }
    }
}
