using System.Net;
using Dsl.Control.Tests.Infrastructure;
using Dsl.Control.V1;
using Google.Protobuf;

namespace Dsl.Control.Tests;

/// <summary>The server's handling of length-prefixed messages and gRPC headers, byte for byte.</summary>
public sealed class WireFramingTests : IAsyncLifetime
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

    [Fact]
    public async Task A_unary_response_is_one_length_prefixed_message_followed_by_status_trailers()
    {
        var response = await SendAsync("/dsl.control.v1.Jobs/List", RawGrpc.Frame(new ListJobsRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.Equal("application/grpc", response.Headers["content-type"]);
        var message = Assert.Single(response.Messages(ListJobsResponse.Parser));
        Assert.Equal(2, message.Jobs.Count);
        Assert.Equal("0", response.Trailers["grpc-status"]);
    }

    [Fact]
    public async Task A_message_split_across_many_data_frames_is_reassembled()
    {
        var request = RawGrpc.Frame(new StatusRequest { Names = { "power" } });
        var chunks = request.Select(b => new[] { b }).ToArray();

        var response = await SendAsync("/dsl.control.v1.Jobs/Status", chunks);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal("power", Assert.Single(Assert.Single(response.Messages(StatusResponse.Parser)).Jobs).Name);
    }

    [Fact]
    public async Task Client_stream_messages_split_at_any_byte_are_each_read_once()
    {
        var first = RawGrpc.Frame(Ndjson("{\"a\":1}\n"));
        var second = RawGrpc.Frame(Ndjson("{\"b\":2}\n"));
        byte[][] chunks = [first[..2], first[2..7], [.. first[7..], .. second[..3]], second[3..]];

        var response = await SendAsync("/dsl.control.v1.Ingest/Ingest", chunks);

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(2UL, Assert.Single(response.Messages(IngestResponse.Parser)).Accepted);
    }

    [Fact]
    public async Task Several_messages_in_one_data_frame_are_all_read()
    {
        byte[] packed = [.. RawGrpc.Frame(Ndjson("{}\n")), .. RawGrpc.Frame(Ndjson("{}\n")), .. RawGrpc.Frame(Ndjson("{}\nbad\n"))];

        var response = await SendAsync("/dsl.control.v1.Ingest/Ingest", [packed]);

        var counts = Assert.Single(response.Messages(IngestResponse.Parser));
        Assert.Equal(3UL, counts.Accepted);
        Assert.Equal(1UL, counts.Rejected);
    }

    [Fact]
    public async Task An_announced_oversized_message_is_refused_before_its_bytes_arrive()
    {
        byte[] prefix = [0, 0, 0x10, 0, 0];

        var response = await RawGrpc.SendAsync(Server.Address, "/dsl.control.v1.Ingest/Ingest", Server.Operator, [prefix], holdOpen: true, timeout: TimeSpan.FromSeconds(10));

        Assert.Equal((int)Wire.StatusCode.ResourceExhausted, response.GrpcStatus);
        Assert.Equal("A message of 1048576 bytes is larger than the limit of 65536 bytes.", response.GrpcMessage);
        Assert.True(response.IsTrailersOnly);
    }

    [Fact]
    public async Task A_compressed_message_is_refused_with_internal_and_says_why()
    {
        var response = await SendAsync("/dsl.control.v1.Jobs/List", RawGrpc.Frame(new ListJobsRequest(), flag: 1));

        Assert.Equal((int)Wire.StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("compression is not supported", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grpc_encoding_other_than_identity_is_unimplemented()
    {
        var response = await RawGrpc.SendAsync(
            Server.Address,
            "/dsl.control.v1.Jobs/List",
            Server.Viewer,
            [RawGrpc.Frame(new ListJobsRequest())],
            new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });

        Assert.Equal((int)Wire.StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal("Message compression 'gzip' is not supported; send messages uncompressed (grpc-encoding: identity).", response.GrpcMessage);
        Assert.Equal("identity", response.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task A_request_that_ends_inside_a_message_is_internal()
    {
        byte[] truncated = [0, 0, 0, 0, 10, 1, 2, 3];

        var response = await SendAsync("/dsl.control.v1.Jobs/Status", truncated);

        Assert.Equal((int)Wire.StatusCode.Internal, response.GrpcStatus);
        Assert.Equal("The stream ended in the middle of a message.", response.GrpcMessage);
    }

    [Fact]
    public async Task A_unary_request_with_two_messages_is_internal()
    {
        byte[] twice = [.. RawGrpc.Frame(new ListJobsRequest()), .. RawGrpc.Frame(new ListJobsRequest())];

        var response = await SendAsync("/dsl.control.v1.Jobs/List", twice);

        Assert.Equal((int)Wire.StatusCode.Internal, response.GrpcStatus);
        Assert.Contains("more than one message", response.GrpcMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_is_not_the_rpcs_message_type_is_internal()
    {
        byte[] garbage = [0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF];

        var response = await SendAsync("/dsl.control.v1.Jobs/Status", garbage);

        Assert.Equal((int)Wire.StatusCode.Internal, response.GrpcStatus);
        Assert.Equal("A message could not be parsed as the rpc's message type.", response.GrpcMessage);
    }

    [Fact]
    public async Task An_unknown_method_gets_a_trailers_only_unimplemented()
    {
        var response = await SendAsync("/dsl.control.v1.Jobs/Nope", RawGrpc.Frame(new ListJobsRequest()));

        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)Wire.StatusCode.Unimplemented, response.GrpcStatus);
        Assert.Equal("The server does not implement 'dsl.control.v1.Jobs/Nope'.", response.GrpcMessage);
    }

    [Fact]
    public async Task A_call_without_a_token_gets_a_trailers_only_unauthenticated()
    {
        var response = await RawGrpc.SendAsync(Server.Address, "/dsl.control.v1.Jobs/List", null, [RawGrpc.Frame(new ListJobsRequest())]);

        Assert.True(response.IsTrailersOnly);
        Assert.Equal((int)Wire.StatusCode.Unauthenticated, response.GrpcStatus);
    }

    [Fact]
    public async Task A_malformed_grpc_timeout_is_internal()
    {
        var response = await RawGrpc.SendAsync(
            Server.Address,
            "/dsl.control.v1.Jobs/List",
            Server.Viewer,
            [RawGrpc.Frame(new ListJobsRequest())],
            new Dictionary<string, string> { ["grpc-timeout"] = "soon" });

        Assert.Equal((int)Wire.StatusCode.Internal, response.GrpcStatus);
        Assert.Equal("Malformed grpc-timeout 'soon'.", response.GrpcMessage);
    }

    [Fact]
    public async Task A_plain_http_request_to_an_unknown_path_is_a_404()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.Address, "/nothing"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<RawResponse> SendAsync(string method, params byte[][] chunks) =>
        RawGrpc.SendAsync(Server.Address, method, Server.Admin, chunks);

    private static IngestRequest Ndjson(string text) =>
        new() { Channel = Channel.Realtime, Ndjson = ByteString.CopyFromUtf8(text) };
}
