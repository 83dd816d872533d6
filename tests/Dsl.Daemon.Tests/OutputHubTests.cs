using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Tests.Infrastructure;
using Record = Dsl.Control.V1.Record;

namespace Dsl.Daemon.Tests;

/// <summary>
/// A job commits a checkpoint's outputs at once: a watcher that keeps reading gets the whole burst,
/// however large; only one that stops reading is dropped; and publishing never waits on either.
/// </summary>
public sealed class OutputHubTests
{
    private static readonly WatchOutputsRequest _realtime = new() { Channel = Channel.Realtime };

    [Fact]
    public async Task A_watcher_that_keeps_reading_gets_a_whole_burst_published_at_once_in_order()
    {
        var hub = new OutputHub(backlogBytes: 8 << 20);
        var client = new ReadingClient();
        using var cancel = new CancellationTokenSource();
        Task watching = hub.WatchAsync(_realtime, client, cancel.Token);
        await Eventually.WaitAsync(() => Task.FromResult(hub.HasWatchers), w => w, "the watcher");

        // About 2 MB at once, as a checkpoint commits it: twice the wire's stream buffer.
        const int Burst = 20_000;
        for (int i = 0; i < Burst; i++)
        {
            hub.Publish("job", Channel.Realtime, Output(i), address: 1000 + i);
        }

        await client.WaitForAsync(Burst - 1);
        Assert.Equal(Enumerable.Range(1000, Burst).Select(p => (ulong)p), client.Received.Select(r => r.Position));
        Assert.True(hub.HasWatchers);
        await cancel.CancelAsync();
        await watching;
    }

    [Fact]
    public async Task A_watcher_that_stops_reading_is_dropped_and_publishing_never_waits()
    {
        var hub = new OutputHub(backlogBytes: 64 * 1024);
        var client = new StalledClient();
        Task watching = hub.WatchAsync(_realtime, client, CancellationToken.None);
        await Eventually.WaitAsync(() => Task.FromResult(hub.HasWatchers), w => w, "the watcher");

        // The client never reads: a Publish that waited for it would never return (the limit only
        // turns that hang into a failure).
        Task publishing = Task.Run(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                hub.Publish("job", Channel.Realtime, Output(i), address: i);
            }
        });
        await publishing.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(hub.HasWatchers);

        // The client still reads nothing: the stream is dropped at once (reset, not ended with a
        // status it would only see after what it has not read), its backlog dropped with it.
        var error = await Assert.ThrowsAsync<StreamDroppedException>(() => watching.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("the client fell more than 65536 bytes of outputs behind", error.Message);
    }

    [Fact]
    public async Task A_watcher_gets_only_its_channel_and_jobs()
    {
        var hub = new OutputHub();
        var client = new ReadingClient();
        using var cancel = new CancellationTokenSource();
        Task watching = hub.WatchAsync(new WatchOutputsRequest { Channel = Channel.Offline, Jobs = { "b" } }, client, cancel.Token);
        await Eventually.WaitAsync(() => Task.FromResult(hub.HasWatchers), w => w, "the watcher");

        hub.Publish("a", Channel.Offline, Output(1), address: 1);
        hub.Publish("b", Channel.Realtime, Output(2), address: 2);
        hub.Publish("b", Channel.Offline, Output(3), address: 3);

        await client.WaitForAsync(0);
        Assert.Equal(("b", 3UL), (client.Received.Single().Job, client.Received.Single().Position));
        await cancel.CancelAsync();
        await watching;
    }

    private static Record Output(int i) => new() { AssetId = $"asset-{i % 100}", ModelId = "Meter", PointId = "Double", Time = 1_700_000_000_000 + i, Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(i * 2.0) };

    /// <summary>A client reading every message as it comes.</summary>
    private sealed class ReadingClient : IServerStreamWriter<OutputRecord>
    {
        private readonly Lock _gate = new();

        public List<OutputRecord> Received { get; } = [];

        public bool TryWrite(OutputRecord message) => throw new InvalidOperationException("The hub must pace itself to the client.");

        public ValueTask WriteAsync(OutputRecord message, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                Received.Add(message);
            }

            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(int index)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Count() <= index)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"output {index} did not arrive");
                await Task.Delay(1);
            }
        }

        private int Count()
        {
            lock (_gate)
            {
                return Received.Count;
            }
        }
    }

    /// <summary>A client that reads nothing: a write waits until the call ends.</summary>
    private sealed class StalledClient : IServerStreamWriter<OutputRecord>
    {
        public bool TryWrite(OutputRecord message) => throw new InvalidOperationException("The hub must pace itself to the client.");

        public async ValueTask WriteAsync(OutputRecord message, CancellationToken cancellationToken = default) =>
            await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
