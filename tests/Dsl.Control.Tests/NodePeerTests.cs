using Dsl.TestUtilities;
using Dsl.Control.Tests.Infrastructure;

namespace Dsl.Control.Tests;

/// <summary>
/// The server as seen by an independent gRPC implementation: @grpc/grpc-js with control.proto
/// loaded by @grpc/proto-loader (node/peer.js).
/// </summary>
public sealed class NodePeerTests : IAsyncLifetime
{
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(maxReceiveMessageSize: 64 * 1024);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [NodeFact]
    public async Task A_grpc_js_client_calls_a_unary_rpc_with_a_viewer_token()
    {
        var result = await NodePeer.RunAsync("unary-success", Server);

        Assert.Equal(0, result.GetProperty("code").GetInt32());
        var jobs = result.GetProperty("response").GetProperty("jobs").EnumerateArray().ToArray();
        Assert.Equal(["energy", "power"], jobs.Select(j => j.GetProperty("name").GetString()));
        Assert.Equal("JOB_STATUS_RUNNING", jobs[0].GetProperty("status").GetString());
    }

    [NodeFact]
    public async Task A_grpc_js_call_without_a_token_or_with_a_wrong_one_is_unauthenticated()
    {
        var result = await NodePeer.RunAsync("unauthenticated", Server);

        foreach (var (variant, said) in new[] { ("missing", "bearer token is required"), ("wrong", "not known to this daemon") })
        {
            var error = result.GetProperty(variant).GetProperty("error");
            Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
            Assert.Contains(said, error.GetProperty("details").GetString(), StringComparison.Ordinal);
        }
    }

    [NodeFact]
    public async Task A_grpc_js_call_with_a_role_too_low_is_permission_denied()
    {
        var result = await NodePeer.RunAsync("permission-denied", Server);

        var error = result.GetProperty("error");
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("status").GetString());
        Assert.Equal(
            "dsl.control.v1.Releases/Lock needs the admin role; token 'operator' has the operator role.",
            error.GetProperty("details").GetString());
    }

    [NodeFact]
    public async Task A_grpc_js_client_reads_the_diagnostics_of_an_invalid_argument()
    {
        var result = await NodePeer.RunAsync("invalid-argument", Server);

        var error = result.GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", error.GetProperty("status").GetString());
        Assert.Equal("jobs/bad.stream does not compile.", error.GetProperty("details").GetString());
        Assert.Equal(3, error.GetProperty("richStatus").GetProperty("code").GetInt32());
        var detail = Assert.Single(error.GetProperty("richDetails").EnumerateArray());
        Assert.Equal("dsl.control.v1.Diagnostics", detail.GetProperty("type").GetString());
        var diagnostic = Assert.Single(detail.GetProperty("value").GetProperty("items").EnumerateArray());
        Assert.Equal("jobs/bad.stream", diagnostic.GetProperty("file").GetString());
        Assert.Equal(1, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(11, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal("DSL1001", diagnostic.GetProperty("code").GetString());
        Assert.Equal("SEVERITY_ERROR", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("Expected a declaration.", diagnostic.GetProperty("message").GetString());
    }

    [NodeFact]
    public async Task A_grpc_js_client_receives_a_status_whose_message_or_details_were_too_long_to_send_whole()
    {
        var result = await NodePeer.RunAsync("oversized-status", Server);

        var longName = result.GetProperty("longName").GetProperty("error");
        Assert.Equal("NOT_FOUND", longName.GetProperty("status").GetString());
        var message = longName.GetProperty("details").GetString()!;
        Assert.StartsWith("No job named 'xxx", message, StringComparison.Ordinal);
        Assert.True(message.Length <= 2048, $"{message.Length} characters");

        var manyErrors = result.GetProperty("manyErrors").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", manyErrors.GetProperty("status").GetString());
        var detail = Assert.Single(manyErrors.GetProperty("richDetails").EnumerateArray());
        Assert.Equal("dsl.control.v1.Diagnostics", detail.GetProperty("type").GetString());
        Assert.Equal(100, detail.GetProperty("value").GetProperty("items").GetArrayLength());
        Assert.Equal(900, detail.GetProperty("value").GetProperty("omitted").GetInt32());

        Assert.Equal(0, result.GetProperty("after").GetProperty("code").GetInt32());
    }

    [NodeFact]
    public async Task A_grpc_js_call_to_an_unregistered_or_unknown_method_is_unimplemented()
    {
        var result = await NodePeer.RunAsync("unimplemented", Server);

        var unregistered = result.GetProperty("registeredElsewhere").GetProperty("error");
        Assert.Equal("UNIMPLEMENTED", unregistered.GetProperty("status").GetString());
        Assert.Contains("dsl.control.v1.Releases/Diff", unregistered.GetProperty("details").GetString(), StringComparison.Ordinal);
        var unknown = result.GetProperty("unknown").GetProperty("error");
        Assert.Equal("UNIMPLEMENTED", unknown.GetProperty("status").GetString());
        Assert.Contains("dsl.control.v1.Jobs/Explode", unknown.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [NodeFact]
    public async Task A_grpc_js_deadline_ends_the_call_and_cancels_the_handler()
    {
        var result = await NodePeer.RunAsync("deadline-exceeded", Server);

        Assert.Equal("DEADLINE_EXCEEDED", result.GetProperty("error").GetProperty("status").GetString());
        await Server.Services.SlowCallCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(Server.Services.LastDeadline);
    }

    [NodeFact]
    public async Task A_grpc_js_deadline_further_away_than_a_date_can_name_is_served_as_no_deadline()
    {
        var result = await NodePeer.RunAsync("far-deadline", Server);

        Assert.Equal(0, result.GetProperty("code").GetInt32());
        Assert.Equal("power", Assert.Single(result.GetProperty("response").GetProperty("jobs").EnumerateArray()).GetProperty("name").GetString());
        Assert.Null(Server.Services.LastDeadline);
    }

    [NodeFact]
    public async Task A_grpc_js_stream_ends_unauthenticated_soon_after_its_token_is_revoked()
    {
        var run = NodePeer.RunAsync("revoked-watch", Server);
        await Server.Services.StreamOpened.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(Server.Tokens.Revoke("viewer"));
        var result = await run;

        Assert.Equal("forever", Assert.Single(result.GetProperty("messages").EnumerateArray()).GetProperty("name").GetString());
        var error = result.GetProperty("error");
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("status").GetString());
        Assert.Equal("The call's token was revoked (or lost the role this rpc needs).", error.GetProperty("details").GetString());
        await Server.Services.StreamCancelled.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [NodeFact]
    public async Task A_grpc_js_client_receives_every_message_of_a_server_stream_in_order()
    {
        var result = await NodePeer.RunAsync("server-streaming", Server);

        Assert.Equal(0, result.GetProperty("code").GetInt32());
        var names = result.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("name").GetString());
        Assert.Equal(["alpha", "beta", "gamma", "delta"], names);
        Assert.All(result.GetProperty("messages").EnumerateArray(), m => Assert.Equal("JOB_STATUS_RUNNING", m.GetProperty("current").GetString()));
    }

    [NodeFact]
    public async Task A_grpc_js_client_stream_of_chunks_and_records_is_counted()
    {
        var result = await NodePeer.RunAsync("client-streaming", Server);

        Assert.Equal(0, result.GetProperty("code").GetInt32());
        var response = result.GetProperty("response");
        Assert.Equal("4", response.GetProperty("accepted").GetString());
        Assert.Equal("1", response.GetProperty("rejected").GetString());
        Assert.Equal("malformed_json", Assert.Single(response.GetProperty("rejections").EnumerateArray()).GetProperty("reason").GetString());
    }

    [NodeFact]
    public async Task A_grpc_js_message_over_the_size_limit_is_refused_with_resource_exhausted()
    {
        var result = await NodePeer.RunAsync("oversized", Server);

        var error = result.GetProperty("error");
        Assert.Equal("RESOURCE_EXHAUSTED", error.GetProperty("status").GetString());
        Assert.Contains("larger than the limit of 65536 bytes", error.GetProperty("details").GetString(), StringComparison.Ordinal);
    }
}
