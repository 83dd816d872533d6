using System.Security.Cryptography.X509Certificates;

namespace Dsl.Control.Wire;

/// <summary>How a <see cref="ControlChannel"/> connects and authenticates.</summary>
public sealed class ControlChannelOptions
{
    /// <summary>The bearer token sent with every call; null sends none (every call then fails UNAUTHENTICATED).</summary>
    public string? Token { get; init; }

    /// <summary>The largest response message accepted; larger ones fail the call with RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest request message sent; larger ones fail with RESOURCE_EXHAUSTED before sending.</summary>
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>
    /// The HTTP handler to send through, e.g. one that trusts a self-signed certificate; a
    /// <see cref="SocketsHttpHandler"/> of the channel's own by default.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>
    /// Certificates trusted as roots for an https:// daemon besides the system's (a private CA);
    /// ignored when <see cref="Handler"/> is given.
    /// </summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>Whether disposing the channel disposes <see cref="Handler"/>.</summary>
    public bool DisposeHandler { get; init; } = true;
}
