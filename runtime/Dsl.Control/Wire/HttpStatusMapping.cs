using System.Net;
using System.Net.Http;

namespace Dsl.Control.Wire;

/// <summary>What a client concludes when the transport, not the server's handler, ended a call.</summary>
internal static class HttpStatusMapping
{
    /// <summary>gRPC's mapping of an HTTP status that came without <c>grpc-status</c>.</summary>
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>gRPC's mapping of an HTTP/2 RST_STREAM or GOAWAY code.</summary>
    public static StatusCode FromHttp2Error(long code) => code switch
    {
        Http2ErrorCodes.RefusedStream => StatusCode.Unavailable,
        Http2ErrorCodes.Cancel => StatusCode.Cancelled,
        Http2ErrorCodes.EnhanceYourCalm => StatusCode.ResourceExhausted,
        0xc => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    /// <summary>What a stream reset means, for the message of the status it maps to.</summary>
    public static string DescribeReset(long code) => code switch
    {
        Http2ErrorCodes.EnhanceYourCalm => "The server dropped the stream: the client did not keep up with it.",
        Http2ErrorCodes.Cancel => "The stream was cancelled.",
        Http2ErrorCodes.RefusedStream => "The server refused the stream; try again.",
        Http2ErrorCodes.Http11Required => "The address speaks only HTTP/1.1, not gRPC: is it the daemon's HTTP port? gRPC is on --listen (7400 by default), the HTTP routes on the next port.",
        _ => $"The stream was reset (HTTP/2 error 0x{code:x}).",
    };

    /// <summary>The HTTP/2 error code inside an exception chain, if the peer reset the stream.</summary>
    public static long? Http2ErrorOf(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return protocol.ErrorCode;
            }
        }

        return null;
    }
}
