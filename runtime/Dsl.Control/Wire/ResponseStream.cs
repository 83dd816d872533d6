using System.Threading.Channels;
using Google.Protobuf;

namespace Dsl.Control.Wire;

/// <summary>
/// The bounded response buffer of a streaming call and the pump that drains it to the client.
/// Producers only ever enqueue; the pump alone waits on the network.
/// </summary>
internal sealed class ResponseStream<T> : IServerStreamWriter<T>
    where T : IMessage
{
    private readonly ServerCall _call;
    private readonly Channel<byte[]> _queue = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _lock = new();
    private long _buffered;
    private bool _closed;
    private TaskCompletionSource? _space;
    private Task? _pump;

    public ResponseStream(ServerCall call)
    {
        _call = call;
    }

    public void Start() => _pump = Task.Run(PumpAsync);

    public bool TryWrite(T message)
    {
        var frame = MessageFrame.Encode(message, _call.Limits.MaxSendMessageSize);
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            if (!HasRoomFor(frame.Length))
            {
                _closed = true;
                _queue.Writer.TryComplete();
                ReleaseWaiter();
                _call.Interrupt(Interruption.Overflow);
                return false;
            }

            Enqueue(frame);
            return true;
        }
    }

    public async ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        var frame = MessageFrame.Encode(message, _call.Limits.MaxSendMessageSize);
        while (true)
        {
            Task room;
            lock (_lock)
            {
                if (_closed)
                {
                    throw new OperationCanceledException("The response stream has ended.", _call.CancellationToken);
                }

                if (HasRoomFor(frame.Length))
                {
                    Enqueue(frame);
                    return;
                }

                _space ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _space.Task;
            }

            await room.WaitAsync(cancellationToken).WaitAsync(_call.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops accepting messages and waits until every queued one has been written.</summary>
    public async Task CompleteAsync()
    {
        lock (_lock)
        {
            _closed = true;
            _queue.Writer.TryComplete();
            ReleaseWaiter();
        }

        if (_pump is not null)
        {
            await _pump.ConfigureAwait(false);
        }
    }

    // One message is always accepted into an empty buffer, so a single message larger than the
    // buffer (but within the send limit) still goes through.
    private bool HasRoomFor(int length) => _buffered == 0 || _buffered + length <= _call.Limits.StreamBufferBytes;

    private void Enqueue(byte[] frame)
    {
        _buffered += frame.Length;
        _queue.Writer.TryWrite(frame);
    }

    private void ReleaseWaiter()
    {
        _space?.TrySetResult();
        _space = null;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var frame in _queue.Reader.ReadAllAsync(_call.CancellationToken).ConfigureAwait(false))
            {
                await _call.WriteFrameAsync(frame).ConfigureAwait(false);
                lock (_lock)
                {
                    _buffered -= frame.Length;
                    ReleaseWaiter();
                }
            }
        }
        catch (Exception)
        {
            // Whatever stopped the write (the client went away, the call was cut short, the
            // connection failed), this stream is over; the dispatcher reports why.
            lock (_lock)
            {
                _closed = true;
                _queue.Writer.TryComplete();
                ReleaseWaiter();
            }

            _call.Interrupt(Interruption.ClientGone);
        }
    }
}
