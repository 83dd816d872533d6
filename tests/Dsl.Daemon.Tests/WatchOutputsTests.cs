using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary><c>Outputs.WatchOutputs</c> over the wire: every output of a large burst, at its channel address.</summary>
public sealed class WatchOutputsTests
{
    [Fact]
    public async Task AClientThatKeepsReadingGetsEveryOutputOfABurstLargerThanTheStreamBuffer()
    {
        using var temp = new TempDirectory();
        // Checkpoints (which commit outputs) every 3 s: the whole ingest is one burst.
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"), checkpointInterval: TimeSpan.FromSeconds(3));
        var workspace = new Workspace(temp.Combine("ws"));
        await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());

        // One output of about 200 encoded bytes per record: several MiB, mostly in one checkpoint,
        // against a 1 MiB stream buffer.
        const int Records = 30_000;
        using var watching = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var received = new List<OutputRecord>();
        Task reading = Task.Run(async () =>
        {
            await foreach (OutputRecord output in daemon.Client.ServerStreamingAsync(OutputsApi.WatchOutputs, new WatchOutputsRequest { Channel = Channel.Realtime, Jobs = { "doubler" } }, cancellationToken: watching.Token))
            {
                received.Add(output);
                if (received.Count == Records)
                {
                    return;
                }

                if (received.Count % 50 == 0)
                {
                    // A client that does some work per output: it keeps reading, slower than the daemon publishes.
                    await Task.Delay(1);
                }
            }
        });
        // Outputs committed before the call subscribes are not sent to it.
        await Eventually.WaitAsync(() => Task.FromResult(daemon.HasOutputWatchers), watched => watched, "the watch to subscribe");
        await daemon.IngestHttpAsync(TestJobs.Lines(0, Records));

        await reading.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(Records, received.Count);
        Assert.Equal(Enumerable.Range(0, Records).Select(i => 1_700_000_000_000L + i), received.Select(o => o.Record.Time));

        // Positions are the outputs' addresses in the channel: one job's increase.
        Assert.True(received.Zip(received.Skip(1)).All(pair => pair.First.Position < pair.Second.Position));
        Assert.True(received[0].Position > 0);
    }
}
