using System.Net;
using Dsl.Control.Api;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Tests;

/// <summary>Which status a client sees, and what it learns from it, through the C# client.</summary>
public sealed class StatusTests : IAsyncLifetime
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
    public async Task A_call_with_each_role_at_or_above_the_rpcs_role_succeeds()
    {
        foreach (var token in new[] { Server.Viewer, Server.Operator, Server.Admin })
        {
            var response = await Server.Channel(token).UnaryAsync(JobsApi.List, new ListJobsRequest());

            Assert.Equal(2, response.Jobs.Count);
        }
    }

    [Fact]
    public async Task A_call_with_a_role_below_the_rpcs_role_is_permission_denied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Viewer).UnaryAsync(JobsApi.Preview, new PreviewRequest()));

        Assert.Equal(StatusCode.PermissionDenied, error.Status);
        Assert.Equal("dsl.control.v1.Jobs/Preview needs the operator role; token 'viewer' has the viewer role.", error.Message);
    }

    [Fact]
    public async Task A_call_with_a_wrong_token_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel("dsl_wrong").UnaryAsync(JobsApi.List, new ListJobsRequest()));

        // A token was sent: the caller is told it is not this daemon's, as POST /ingest tells it.
        Assert.Equal(
            (StatusCode.Unauthenticated, "The token is not known to this daemon (revoked, or from another data directory)."),
            (error.Status, error.Message));
    }

    /// <summary>
    /// A token of 40 KB (a file's contents passed as the token, say) passes the server's header
    /// limit, which answers HTTP 431 without a gRPC status; the client says what is wrong instead,
    /// with the status a wrong token gets, and a streaming call too.
    /// </summary>
    [Fact]
    public async Task A_token_far_too_long_to_be_one_is_unauthenticated_not_a_transport_error()
    {
        var channel = Server.Channel("dsl_" + new string('a', 40_000));

        var unary = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));
        var streaming = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var ingest = channel.ClientStreaming(IngestApi.Ingest);
            await ingest.ResponseAsync;
        });

        const string Expected = "The token is 40004 characters long; no token the server accepts is longer than 512, so it was not sent.";
        Assert.Equal((StatusCode.Unauthenticated, Expected), (unary.Status, unary.Message));
        Assert.Equal((StatusCode.Unauthenticated, Expected), (streaming.Status, streaming.Message));
    }

    /// <summary>
    /// A token with a character no header may hold (a line break pasted with it, a typographic
    /// character) is said to be wrong, with the status a wrong token gets, not as a daemon out of
    /// reach or a stream reset by the server.
    /// </summary>
    [Theory]
    [InlineData("dsl_abc\ndef", "U+000A at character 8")]
    [InlineData("dsl_abc\u2026", "U+2026 at character 8")]
    public async Task A_token_with_a_character_no_token_has_is_unauthenticated_not_a_transport_error(string token, string said)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Channel(token).UnaryAsync(JobsApi.List, new ListJobsRequest()));

        Assert.Equal(
            (StatusCode.Unauthenticated, $"The token holds {said}, which no token has (they are ASCII letters, digits, '-' and '_'), so it was not sent."),
            (error.Status, error.Message));
    }

    [Fact]
    public async Task A_revoked_token_is_unauthenticated_on_its_next_call()
    {
        var issued = Server.Tokens.Create("temporary", Role.Viewer);
        var channel = Server.Channel(issued.Secret);
        await channel.UnaryAsync(JobsApi.List, new ListJobsRequest());

        Assert.True(Server.Tokens.Revoke("temporary"));

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));
        Assert.Equal(StatusCode.Unauthenticated, error.Status);
    }

    [Fact]
    public async Task A_handler_exception_becomes_internal_without_leaking_its_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Viewer).UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "crash" } }));

        Assert.Equal(StatusCode.Internal, error.Status);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Matches("^The server failed to handle the call \\(error id [0-9a-f]{8}\\); the server log has the details\\.$", error.Message);
    }

    [Fact]
    public async Task An_rpc_exception_reaches_the_client_with_its_code_message_and_typed_details()
    {
        var request = new PreviewRequest { Source = new InlineSource { File = "jobs/x.stream", Text = "error" }, Latest = 5 };

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Channel(Server.Operator).UnaryAsync(JobsApi.Preview, request));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Equal("jobs/x.stream does not compile.", error.Message);
        var diagnostic = Assert.Single(Assert.IsType<Diagnostics>(error.GetDetail<Diagnostics>()).Items);
        Assert.Equal(("jobs/x.stream", 1u, 11u, "DSL1001"), (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Code));
    }

    [Fact]
    public async Task A_status_message_with_any_text_arrives_unchanged()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Viewer).UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "unicode" } }));

        Assert.Equal(StatusCode.FailedPrecondition, error.Status);
        Assert.Equal("Job 'Wärme 100%' is paused ⏸ since 02:00.", error.Message);
    }

    [Fact]
    public async Task Calling_a_method_the_server_did_not_register_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Admin).UnaryAsync(ReleasesApi.Diff, new DiffRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.Status);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_unavailable()
    {
        using var channel = new ControlChannel(new Uri("http://127.0.0.1:1"), new ControlChannelOptions { Token = "x" });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));

        Assert.Equal(StatusCode.Unavailable, error.Status);
    }

    [Fact]
    public async Task A_response_over_the_clients_limit_is_resource_exhausted()
    {
        var channel = Server.Channel(Server.Viewer, maxReceiveMessageSize: 16);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
    }

    [Fact]
    public async Task A_request_over_the_clients_send_limit_fails_before_it_is_sent()
    {
        using var channel = new ControlChannel(Server.Address, new ControlChannelOptions { Token = Server.Viewer, MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { "a long job name" } }));

        Assert.Equal(StatusCode.ResourceExhausted, error.Status);
    }

    [Fact]
    public async Task A_message_echoing_a_name_too_long_for_a_header_is_cut_and_the_status_still_arrives()
    {
        var name = new string('x', 60_000);
        var channel = Server.Channel(Server.Viewer);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(JobsApi.Status, new StatusRequest { Names = { name } }, new CallOptions(Timeout: TimeSpan.FromSeconds(20))));

        Assert.Equal(StatusCode.NotFound, error.Status);
        Assert.StartsWith("No job named 'xxx", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("xxx'.", error.Message, StringComparison.Ordinal);
        Assert.Contains(" … ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length <= 2048, $"{error.Message.Length} characters");

        // The connection is still usable.
        var jobs = await channel.UnaryAsync(JobsApi.List, new ListJobsRequest(), new CallOptions(Timeout: TimeSpan.FromSeconds(20)));
        Assert.Equal(2, jobs.Jobs.Count);
    }

    [Fact]
    public async Task A_message_of_non_ascii_text_is_cut_to_the_bound_as_sent()
    {
        var name = string.Concat(Enumerable.Repeat("Wärme⏸", 2_000));
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Viewer).UnaryAsync(JobsApi.Status, new StatusRequest { Names = { name } }, new CallOptions(Timeout: TimeSpan.FromSeconds(20))));

        Assert.Equal(StatusCode.NotFound, error.Status);
        Assert.StartsWith("No job named 'Wärme⏸", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Wärme⏸'.", error.Message, StringComparison.Ordinal);
        Assert.True(StatusMessageEncoding.Encode(error.Message).Length <= 2048);
    }

    [Fact]
    public async Task Details_with_a_thousand_diagnostics_keep_the_first_hundred_and_count_the_rest()
    {
        var channel = Server.Channel(Server.Operator);
        var request = new PreviewRequest { Source = new InlineSource { File = "jobs/bad.stream", Text = "errors 1000" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(JobsApi.Preview, request, new CallOptions(Timeout: TimeSpan.FromSeconds(20))));

        Assert.Equal(StatusCode.InvalidArgument, error.Status);
        Assert.Equal("jobs/bad.stream does not compile: 1000 errors.", error.Message);
        var diagnostics = error.GetDetail<Diagnostics>();
        Assert.NotNull(diagnostics);
        Assert.Equal(100, diagnostics.Items.Count);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (uint)i), diagnostics.Items.Select(d => d.Line));
        Assert.Equal(900u, diagnostics.Omitted);

        var jobs = await channel.UnaryAsync(JobsApi.List, new ListJobsRequest(), new CallOptions(Timeout: TimeSpan.FromSeconds(20)));
        Assert.Equal(2, jobs.Jobs.Count);
    }

    [Fact]
    public async Task Details_with_few_diagnostics_are_sent_whole()
    {
        var request = new PreviewRequest { Source = new InlineSource { File = "jobs/bad.stream", Text = "errors 30" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.Channel(Server.Operator).UnaryAsync(JobsApi.Preview, request, new CallOptions(Timeout: TimeSpan.FromSeconds(20))));

        var diagnostics = error.GetDetail<Diagnostics>();
        Assert.NotNull(diagnostics);
        Assert.Equal(30, diagnostics.Items.Count);
        Assert.Equal(0u, diagnostics.Omitted);
    }

    [Fact]
    public void Only_an_error_status_can_be_thrown()
    {
        Assert.Throws<ArgumentException>(() => new RpcException(StatusCode.OK, "fine"));
    }

    [Fact]
    public void Http_statuses_without_a_grpc_status_map_as_the_grpc_spec_says()
    {
        Assert.Equal(StatusCode.Unimplemented, HttpStatusMapping.FromHttpStatus(HttpStatusCode.NotFound));
        Assert.Equal(StatusCode.Unauthenticated, HttpStatusMapping.FromHttpStatus(HttpStatusCode.Unauthorized));
        Assert.Equal(StatusCode.Unavailable, HttpStatusMapping.FromHttpStatus(HttpStatusCode.ServiceUnavailable));
        Assert.Equal(StatusCode.Unknown, HttpStatusMapping.FromHttpStatus(HttpStatusCode.Conflict));
        Assert.Equal(StatusCode.ResourceExhausted, HttpStatusMapping.FromHttp2Error(0xb));
        Assert.Equal(StatusCode.Cancelled, HttpStatusMapping.FromHttp2Error(0x8));
    }
}
