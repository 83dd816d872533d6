using System.Net;
using System.Threading.Channels;

namespace Dsl.Control.Wire;

/// <summary>
/// A request body written while the call runs: each frame queued by the caller is written and
/// flushed as its own DATA frame; completing the queue ends the request stream (half-close).
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly ChannelReader<byte[]> _frames;

    public StreamingRequestContent(ChannelReader<byte[]> frames)
    {
        _frames = frames;
        Headers.TryAddWithoutValidation("content-type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var frame in _frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
