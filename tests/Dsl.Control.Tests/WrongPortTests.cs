using System.Net;
using System.Net.Sockets;
using System.Text;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;

namespace Dsl.Control.Tests;

/// <summary>
/// A client pointed at a port that does not speak gRPC. Kestrel's HTTP/1.1 port answers the HTTP/2
/// preface with a GOAWAY (HTTP_1_1_REQUIRED) and closes; when the close overtakes the GOAWAY, as
/// it often does for a command's first call, the client sees only a handshake that failed. The
/// peers here close at once, so that order is the one the test meets every time.
/// </summary>
public sealed class WrongPortTests
{
    private const string Http11Only = "speaks only HTTP/1.1, not gRPC: is it the daemon's HTTP port?";

    [Fact]
    public async Task A_port_that_drops_the_http2_preface_but_answers_http11_is_named_as_an_http_port()
    {
        await using var peer = ClosingPeer.Start(answerHttp11: true);
        using var channel = new ControlChannel(peer.Address, new ControlChannelOptions { Token = "x" });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));

        Assert.Equal(StatusCode.Internal, error.Status);
        Assert.Contains(Http11Only, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_that_answers_nothing_is_unavailable_with_the_transports_reason()
    {
        await using var peer = ClosingPeer.Start(answerHttp11: false);
        using var channel = new ControlChannel(peer.Address, new ControlChannelOptions { Token = "x" });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(JobsApi.List, new ListJobsRequest()));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.StartsWith($"Cannot reach {peer.Address}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Http11Only, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A TCP peer that closes every connection after its first bytes, answering an HTTP/1.1 request first if told to.</summary>
    private sealed class ClosingPeer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly bool _answerHttp11;
        private readonly Task _accepting;

        private ClosingPeer(bool answerHttp11)
        {
            _answerHttp11 = answerHttp11;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _accepting = Task.Run(AcceptAsync);
        }

        public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public static ClosingPeer Start(bool answerHttp11) => new(answerHttp11);

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }

                using (client)
                {
                    var buffer = new byte[4096];
                    NetworkStream stream = client.GetStream();
                    int read = await stream.ReadAsync(buffer);
                    if (_answerHttp11 && Encoding.ASCII.GetString(buffer, 0, read).Contains(" HTTP/1.1\r\n", StringComparison.Ordinal))
                    {
                        await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
        }
    }
}
