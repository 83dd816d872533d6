using Dsl.Control.Api;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.TestUtilities;
using Google.Protobuf;

namespace Dsl.Control.Tests;

/// <summary>Server, client and duplex streaming through the C# client, and slow or vanished clients.</summary>
public sealed class StreamingTests : IAsyncLifetime
{
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(streamBufferBytes: 64 * 1024);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_server_stream_delivers_every_message_in_order_then_ends()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"job{i}").ToArray();
        var request = new WatchRequest { Names = { names } };

        var events = await Server.Channel(Server.Viewer).ServerStreamingAsync(JobsApi.Watch, request).ToListAsync();

        Assert.Equal(names, events.Select(e => e.Name));
    }

    [Fact]
    public async Task Messages_written_before_a_stream_error_arrive_before_the_error()
    {
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var change in Server.Channel(Server.Viewer).ServerStreamingAsync(JobsApi.Watch, new WatchRequest { Names = { "a", "b", "fail" } }))
            {
                received.Add(change.Name);
            }
        });

        Assert.Equal(["a", "b"], received);
        Assert.Equal(StatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task A_client_stream_is_answered_once_the_client_completes_it()
    {
        using var call = Server.Channel(Server.Operator).ClientStreaming(IngestApi.Ingest);
        for (int i = 0; i < 20; i++)
        {
            await call.WriteAsync(new IngestRequest { Channel = Channel.Offline, Ndjson = ByteString.CopyFromUtf8($"{{\"n\":{i}}}\n") });
        }

        await call.WriteAsync(new IngestRequest { Ndjson = ByteString.CopyFromUtf8("oops\n") });
        await call.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal(20UL, response.Accepted);
        Assert.Equal(1UL, response.Rejected);
    }

    [Fact]
    public async Task A_client_stream_refused_up_front_reports_its_status_to_the_writer()
    {
        using var call = Server.Channel(Server.Viewer).ClientStreaming(IngestApi.Ingest);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        var writeError = await Assert.ThrowsAsync<RpcException>(async () => await call.WriteAsync(new IngestRequest()));

        Assert.Equal(StatusCode.PermissionDenied, error.Status);
        Assert.Equal(StatusCode.PermissionDenied, writeError.Status);
    }

    [Fact]
    public async Task A_duplex_call_answers_each_request_as_it_arrives()
    {
        using var call = Server.Channel(Server.Viewer).DuplexStreaming(InMemoryServices.Echo);
        await using var responses = call.ReadAllAsync().GetAsyncEnumerator();

        foreach (var text in new[] { "a", "bb", "ccc" })
        {
            await call.WriteAsync(new IngestRequest { Ndjson = ByteString.CopyFromUtf8(text) });
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal((ulong)text.Length, responses.Current.Accepted);
        }

        await call.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_never_blocks_the_producer()
    {
        var responses = Server.Channel(Server.Viewer)
            .ServerStreamingAsync(OutputsApi.WatchOutputs, new WatchOutputsRequest { Channel = Channel.Realtime, Jobs = { "flood" } })
            .GetAsyncEnumerator();
        Assert.True(await responses.MoveNextAsync());

        // The client now reads nothing; the producer only ever calls TryWrite.
        var (written, longestWrite) = await Server.Services.FloodDropped.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The client never reads again, so a TryWrite that waited for it would never return and the
        // drop above would not come. The bound on one TryWrite only tells a wait that gives up
        // (seconds) from a busy machine's scheduling (well under one).
        Assert.InRange(written, 10, 5_000);
        Assert.True(longestWrite < TimeSpan.FromSeconds(5), $"a TryWrite took {longestWrite}");
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await responses.MoveNextAsync())
            {
            }
        });
        Assert.True(error.Status == StatusCode.ResourceExhausted, error.ToString());
        await responses.DisposeAsync();
    }

    /// <summary>
    /// A handler that drops its client (StreamDroppedException) resets the stream with
    /// ENHANCE_YOUR_CALM: the client learns it at once, as RESOURCE_EXHAUSTED, rather than from a
    /// status queued behind the messages it has not read.
    /// </summary>
    [Fact]
    public async Task A_handler_that_drops_its_client_resets_the_stream_at_once()
    {
        var responses = Server.Channel(Server.Viewer)
            .ServerStreamingAsync(OutputsApi.WatchOutputs, new WatchOutputsRequest { Channel = Channel.Realtime, Jobs = { "dropped" } })
            .GetAsyncEnumerator();
        // The call starts with the first read, which the client then leaves alone until the drop.
        ValueTask<bool> first = responses.MoveNextAsync();
        await Server.Services.DropThrown.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(200);

        int read = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            for (bool more = await first; more; more = await responses.MoveNextAsync())
                read++;
        });
        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
        Assert.True(read < 50, $"read {read} of the 50 messages written before the drop");
        await responses.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_abandons_a_stream_cancels_its_handler()
    {
        await using (var responses = Server.Channel(Server.Viewer).ServerStreamingAsync(JobsApi.Watch, new WatchRequest { Names = { "forever" } }).GetAsyncEnumerator())
        {
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal("forever", responses.Current.Name);
        }

        await Server.Services.StreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_streams_with_unavailable_and_cancels_their_handlers()
    {
        var log = new RecordingLogger();
        await using var server = await TestServer.StartAsync(loggerFactory: new RecordingLoggerFactory(log));
        var responses = server.Channel(server.Viewer).ServerStreamingAsync(JobsApi.Watch, new WatchRequest { Names = { "forever" } }).GetAsyncEnumerator();
        Assert.True(await responses.MoveNextAsync());

        await server.Server.StopAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Equal("The server is shutting down.", error.Message);
        await server.Services.StreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The stream ended by itself, so its connection drained: Kestrel did not wait out its
        // shutdown timeout (30 s) and cut it, which it would log.
        Assert.DoesNotContain(log.Lines, l => l.Message.Contains("failed to close gracefully", StringComparison.Ordinal));
        await responses.DisposeAsync();
    }
}
