using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dsl.Control.Security;
using Microsoft.Extensions.Logging;

namespace Dsl.Control.Wire;

/// <summary>How a <see cref="ControlServer"/> listens and what it accepts.</summary>
public sealed class ControlServerOptions
{
    /// <summary>Checks the bearer token of every call (usually a <see cref="TokenStore"/>).</summary>
    public required ICallAuthenticator Authenticator { get; init; }

    /// <summary>Where to listen; loopback port 7400 by default. Port 0 picks a free port (see <see cref="ControlServer.Address"/>).</summary>
    public IPEndPoint EndPoint { get; init; } = ListenAddress.Default;

    /// <summary>
    /// An optional second, cleartext HTTP/1.1 endpoint for the plain HTTP routes (<see cref="ControlServer.MapHttp"/>)
    /// used by clients that cannot speak HTTP/2 without TLS (curl's default, git, Prometheus).
    /// Kestrel cannot offer both HTTP/1.1 and prior-knowledge HTTP/2 on one cleartext port.
    /// </summary>
    public IPEndPoint? Http1EndPoint { get; init; }

    /// <summary>The largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest response message sent; a handler producing a larger one fails with RESOURCE_EXHAUSTED.</summary>
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>
    /// Bytes of responses a streaming call may have queued for a slow client; beyond that the
    /// stream is dropped rather than slowing the producer.
    /// </summary>
    public int StreamBufferBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// A certificate with private key: when set the endpoint speaks TLS (HTTP/2 and HTTP/1.1 by
    /// ALPN); otherwise cleartext HTTP/2 with prior knowledge, as gRPC clients use it.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Intermediate certificates sent with <see cref="Certificate"/>, so clients that trust only the root can build the chain.</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>Where the server and Kestrel log; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
