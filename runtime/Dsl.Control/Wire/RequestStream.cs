using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>The request messages of a client-streaming or duplex call; it can be enumerated once.</summary>
internal sealed class RequestStream<T> : IAsyncEnumerable<T>
    where T : class, IMessage<T>
{
    private readonly ServerCall _call;
    private readonly MessageParser<T> _parser;
    private int _enumerated;

    public RequestStream(ServerCall call, MessageParser<T> parser)
    {
        _call = call;
        _parser = parser;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The request stream can be enumerated only once.");
        }

        return ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _call.ReadMessageAsync(_parser, cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
