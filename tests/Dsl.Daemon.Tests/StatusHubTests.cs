using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Jobs;

namespace Dsl.Daemon.Tests;

/// <summary>
/// <c>Jobs.Watch</c> with <c>include_current</c>: the current statuses are read once the watcher
/// is subscribed, so a change is either in them or streamed after them, and never said twice.
/// </summary>
public sealed class StatusHubTests
{
    private static readonly WatchRequest _all = new() { IncludeCurrent = true };

    [Fact]
    public async Task A_change_made_while_a_watch_begins_is_streamed_after_the_current_statuses()
    {
        var hub = new StatusHub();
        var client = new Client();
        using var cancel = new CancellationTokenSource();
        using var publishing = new ManualResetEventSlim();
        Task? change = null;

        // The job pauses just after its current status was read, as another call may make it, and
        // that change has all the time it needs to be published before the watch goes on.
        Task watching = hub.WatchAsync(_all, () =>
        {
            change = Task.Run(() =>
            {
                publishing.Set();
                hub.Publish(Event("power", JobStatus.Paused));
            });
            publishing.Wait(TimeSpan.FromSeconds(30));
            Thread.Sleep(100);
            return [Event("power", JobStatus.Running)];
        }, client, cancel.Token);
        await change!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([JobStatus.Running, JobStatus.Paused], client.Received.Select(e => e.Current));
        await cancel.CancelAsync();
        await watching;
    }

    [Fact]
    public async Task A_change_the_current_statuses_already_show_is_not_streamed_again()
    {
        var hub = new StatusHub();
        var client = new Client();
        using var cancel = new CancellationTokenSource();

        // The status was set before the read; its change is published after it.
        Task watching = hub.WatchAsync(_all, () => [Event("power", JobStatus.Running)], client, cancel.Token);
        hub.Publish(Event("power", JobStatus.Running));
        hub.Publish(Event("power", JobStatus.Paused));
        hub.Publish(Event("power", JobStatus.Running));

        Assert.Equal([JobStatus.Running, JobStatus.Paused, JobStatus.Running], client.Received.Select(e => e.Current));
        await cancel.CancelAsync();
        await watching;
    }

    private static JobStatusEvent Event(string job, JobStatus status) => new() { Name = job, Current = status, Version = 1 };

    private sealed class Client : IServerStreamWriter<JobStatusEvent>
    {
        private readonly Lock _gate = new();
        private readonly List<JobStatusEvent> _received = [];

        public IReadOnlyList<JobStatusEvent> Received
        {
            get
            {
                lock (_gate)
                {
                    return [.. _received];
                }
            }
        }

        public bool TryWrite(JobStatusEvent message)
        {
            lock (_gate)
            {
                _received.Add(message);
            }

            return true;
        }

        public ValueTask WriteAsync(JobStatusEvent message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A hub never waits on a client.");
    }
}
