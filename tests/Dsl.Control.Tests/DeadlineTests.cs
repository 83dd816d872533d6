using Dsl.Control.Api;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.TestUtilities;

namespace Dsl.Control.Tests;

/// <summary><c>grpc-timeout</c>: enforced by the server whatever the handler does, and by the client.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_server_ends_a_call_past_its_deadline_with_deadline_exceeded_and_cancels_the_handler()
    {
        // A raw client that does not enforce the deadline itself: the status must come from the server.
        var response = await RawGrpc.SendAsync(
            Server.Address,
            "/dsl.control.v1.Jobs/Status",
            Server.Viewer,
            [RawGrpc.Frame(new StatusRequest { Names = { "slow" } })],

            // Long enough for the handler to have started on a machine busy with other test
            // assemblies: a call that ends before its handler runs has no handler to cancel.
            new Dictionary<string, string> { ["grpc-timeout"] = "2000m" });

        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.True(response.IsTrailersOnly);
        await Server.Services.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_stream_past_its_deadline_delivers_its_messages_then_deadline_exceeded_in_trailers()
    {
        var response = await RawGrpc.SendAsync(
            Server.Address,
            "/dsl.control.v1.Jobs/Watch",
            Server.Viewer,
            [RawGrpc.Frame(new WatchRequest { Names = { "forever" } })],

            // Long enough for the handler to write its first message on a machine busy with other
            // test assemblies; the deadline then ends a stream that would otherwise run forever.
            new Dictionary<string, string> { ["grpc-timeout"] = "2000m" });

        Assert.Equal("forever", Assert.Single(response.Messages(JobStatusEvent.Parser)).Name);
        Assert.Equal("4", response.Trailers["grpc-status"]);
        await Server.Services.StreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_handler_that_ignores_cancellation_does_not_hold_back_the_deadline()
    {
        var response = await RawGrpc.SendAsync(
            Server.Address,
            "/dsl.control.v1.Jobs/Status",
            Server.Viewer,
            [RawGrpc.Frame(new StatusRequest { Names = { "stubborn" } })],

            // Long enough for the handler to start on a machine busy with other test assemblies, so
            // that the deadline finds it blocked (a deadline that passes first never runs it).
            new Dictionary<string, string> { ["grpc-timeout"] = "2000m" });

        // The answer came while the handler was still blocked: it returns only once released.
        Assert.Equal((int)StatusCode.DeadlineExceeded, response.GrpcStatus);
        Assert.True(Server.Services.StubbornRunning.Task.IsCompleted);
        Assert.False(Server.Services.StubbornReturned.Task.IsCompleted);
        Server.Services.StubbornRelease.Set();
        await Server.Services.StubbornReturned.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_handler_sees_the_callers_deadline()
    {
        var before = DateTimeOffset.UtcNow;

        await Server.Channel(Server.Viewer).UnaryAsync(JobsApi.Status, new StatusRequest(), new CallOptions(Timeout: TimeSpan.FromSeconds(30)));

        var deadline = Assert.IsType<DateTimeOffset>(Server.Services.LastDeadline);
        Assert.InRange(deadline, before.AddSeconds(29), DateTimeOffset.UtcNow.AddSeconds(31));
    }

    [Fact]
    public async Task A_client_timeout_surfaces_as_deadline_exceeded()
    {
        var channel = Server.Channel(Server.Viewer);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "slow" } }, new CallOptions(Timeout: TimeSpan.FromMilliseconds(200))));

        Assert.Equal(StatusCode.DeadlineExceeded, error.Status);
    }

    [Fact]
    public async Task A_client_cancellation_surfaces_as_cancelled_and_reaches_the_handler()
    {
        var channel = Server.Channel(Server.Viewer);
        // As above: late enough for the handler to have started on a busy machine.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "slow" } }, new CallOptions(CancellationToken: cancel.Token)));

        Assert.Equal(StatusCode.Cancelled, error.Status);
        await Server.Services.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_client_that_resets_a_call_while_its_request_is_being_read_is_not_logged_as_a_server_failure()
    {
        var log = new RecordingLogger();
        var readFailed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestServer.StartAsync(
            map: s => s.MapUnary(JobsApi.Get, async (GetJobRequest request, ServerCallContext context) =>
            {
                await Task.Yield();
                readFailed.TrySetResult(new InvalidOperationException("the handler ran"));
                return new GetJobResponse();
            }),
            loggerFactory: new RecordingLoggerFactory(log));

        // Half a message, then the client gives up: the server is still reading the request.
        var frame = RawGrpc.Frame(new GetJobRequest { Name = "power" });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RawGrpc.SendAsync(
            server.Address,
            "/dsl.control.v1.Jobs/Get",
            server.Viewer,
            [frame[..4]],
            holdOpen: true,
            timeout: TimeSpan.FromMilliseconds(500)));

        // The server notices the reset, then has nothing to log.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(readFailed.Task.IsCompleted);
        Assert.DoesNotContain(log.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }
}
