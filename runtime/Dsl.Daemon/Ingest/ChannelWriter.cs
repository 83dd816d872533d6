using System.Buffers;
using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// Appends the lines of one ingest request (HTTP body, gRPC stream or inbox file) to a channel:
/// each line is checked, good ones appended, bad ones counted and the first hundred described.
/// Lines may arrive split across chunks, however they are split: a line longer than 1 MiB (not
/// counting its line ending) is refused once, as <c>line_too_long</c>, and the text after it goes
/// on as usual. Good lines are gathered into a batch that is appended
/// at the end of each chunk (or when it grows large), so a chunk costs one enqueue; the caller
/// commits (<see cref="CommitAsync"/>) after <see cref="Complete"/>, which makes every accepted
/// line durable (<see cref="CompleteAsync"/> does both), or, when the request was cut off before
/// its end, calls <see cref="CutOff"/>.
/// </summary>
internal sealed class ChannelWriter
{
    private const int MaxRejections = 100;
    private const int MaxLineBytes = 1 << 20;

    // Well below the log's 4 MiB page: a batch is enqueued as one allocation in a page.
    private const int MaxBatchBytes = 1 << 20;
    private readonly ChannelLog _channel;
    private readonly FutureLimit _future;
    private readonly ILogger _log;
    private readonly List<byte> _partial = [];
    private readonly EntryBatch _batch = new();

    // The log the lines go to: a commit fails if the channel reopened it since (they were lost).
    private readonly int _generation;
    private ulong _number;

    // The line being read was refused as too long before its end arrived: its remaining bytes
    // are dropped up to the next newline, and its number is already taken.
    private bool _tooLong;

    // How far ahead of the clock a time may be, found again for each chunk (or structured record)
    // before its lines are checked; the final line of Complete is the last chunk's.
    private FutureLimit.FutureBound _bound;

    // For input that resumes after a crash (an inbox file): the note each batch is appended with,
    // made of where the input's lines ended so far.
    private readonly Func<InputPosition, string>? _note;

    // Bytes of the input received, and where its last line ended (after its newline).
    private long _received;
    private InputPosition _ended;

    /// <exception cref="ChannelFailedException">The channel's log failed and could not be reopened.</exception>
    public ChannelWriter(ChannelLog channel, FutureLimit future, ILogger log)
    {
        _channel = channel;
        _future = future;
        _log = log;
        _generation = channel.BeginWrite();
    }

    /// <summary>
    /// A writer of input read from <paramref name="from"/> on (the lines before it were ingested
    /// before), each batch appended with the note <paramref name="note"/> makes of where the lines
    /// it holds end (<see cref="ChannelLog.Append(EntryBatch, string)"/>); refusals number the
    /// lines from there.
    /// </summary>
    /// <exception cref="ChannelFailedException">The channel's log failed and could not be reopened.</exception>
    public ChannelWriter(ChannelLog channel, FutureLimit future, ILogger log, InputPosition from, Func<InputPosition, string> note)
        : this(channel, future, log)
    {
        _note = note;
        _ended = from;
        _received = from.Offset;
        _number = from.Lines;
    }

    /// <summary>Where the lines of the input ended so far: after the last newline, or its end once <see cref="Complete"/>d.</summary>
    public InputPosition Ended => _ended;

    public IngestResponse Result { get; } = new();

    /// <summary>Appends every complete line of the chunk; keeps the incomplete tail for the next.</summary>
    public void Write(ReadOnlySpan<byte> chunk)
    {
        _bound = _future.Now();
        WriteLines(chunk);

        // Noted even when the chunk added no record (its lines refused), so a resumed input does not refuse them again.
        Flush(noteAlways: _note is not null);
    }

    /// <summary>Appends every complete line of the buffered bytes (one batch for all their segments).</summary>
    public void Write(in ReadOnlySequence<byte> chunk)
    {
        _bound = _future.Now();
        foreach (ReadOnlyMemory<byte> segment in chunk)
        {
            WriteLines(segment.Span);
        }

        Flush();
    }

    private void WriteLines(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0)
        {
            int end = chunk.IndexOf((byte)'\n');
            ReadOnlySpan<byte> piece = end < 0 ? chunk : chunk[..end];

            // Refused as soon as it is surely too long, so the buffer never holds more than the
            // limit; one byte over it may still be the '\r' of a CRLF ending, which WriteLine decides.
            if (!_tooLong && _partial.Count + piece.Length > MaxLineBytes + 1)
            {
                _partial.Clear();
                _tooLong = true;
                _number++;
                RejectTooLong();
            }

            if (end < 0)
            {
                if (!_tooLong)
                {
                    _partial.AddRange(piece);
                }

                _received += piece.Length;
                return;
            }

            if (_tooLong)
            {
                _tooLong = false;
            }
            else if (_partial.Count > 0)
            {
                _partial.AddRange(piece);
                WriteLine([.. _partial]);
                _partial.Clear();
            }
            else
            {
                WriteLine(piece);
            }

            _received += end + 1;
            _ended = new InputPosition(_received, _ended.Lines + 1);
            chunk = chunk[(end + 1)..];
        }
    }

    /// <summary>Writes a structured record.</summary>
    public void Write(Record record)
    {
        if (LineCheck.Check(record) is { } problem)
        {
            // It has no line (a value JSON cannot hold), but takes the next number as its line would.
            _number++;
            Reject(problem.Reason, problem.Detail);
            return;
        }

        _bound = _future.Now();
        WriteLine(Api.Conversions.ToNdjson(record));
    }

    /// <summary>The text after the last newline is a final line.</summary>
    public void Complete()
    {
        bool finalLine = _tooLong || _partial.Count > 0;
        if (_tooLong)
        {
            _tooLong = false;
        }
        else if (_partial.Count > 0)
        {
            WriteLine([.. _partial]);
            _partial.Clear();
        }

        if (finalLine)
        {
            _ended = new InputPosition(_received, _ended.Lines + 1);
        }

        // Noted even when it adds no record (a final line refused), so the input is known read to its end.
        Flush(noteAlways: _note is not null);
    }

    /// <summary>
    /// The end of a request that ended as it should (the body's end, a gRPC half-close): the text
    /// after the last newline is a final line, and every accepted line is made durable.
    /// </summary>
    /// <param name="cancelWindow">
    /// How long a request that ends with text after its last newline may still be cancelled before
    /// that text is taken for its final line; the whole lines are made durable first.
    /// </param>
    /// <exception cref="OperationCanceledException">The request was cancelled before the final line was judged: <see cref="CutOff"/> it.</exception>
    /// <exception cref="ChannelFailedException">The channel's log could not be written (or was reopened since the first line).</exception>
    public async ValueTask CompleteAsync(TimeSpan cancelWindow, CancellationToken cancellationToken)
    {
        if (_partial.Count > 0 && cancelWindow > TimeSpan.Zero)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(cancelWindow, cancellationToken).ConfigureAwait(false);
        }

        Complete();
        await CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The request was cut off before its end (cancelled, its client gone, a deadline, the daemon
    /// stopping). No transaction: the lines appended stay, as counted in <see cref="Result"/>; the
    /// text after the last newline is a line the client never finished, no record of its own, so it
    /// is dropped without being judged. Says so in the daemon's log.
    /// </summary>
    /// <param name="how">What was cut off, for the log, e.g. "the stream was cancelled or cut off before it ended".</param>
    public void CutOff(string how)
    {
        int dropped = _tooLong ? 0 : _partial.Count;
        _partial.Clear();
        _tooLong = false;
        try
        {
            // Structured records received whole wait in the batch for the next chunk or the end.
            Flush();
        }
        catch (ChannelFailedException e)
        {
            // Nobody is left to answer: the log is where it is told.
            _log.LogWarning("ingest into {Channel}: the {Count} record(s) received last before the cut were not stored: {Error}", _channel.Name, _batch.Count, e.Message);
            _batch.Clear();
        }

        // Two templates, so that the dropped bytes are a number in a structured log, not text.
        if (dropped > 0)
        {
            _log.LogInformation(
                "ingest into {Channel}: {How}; the {Accepted} record(s) accepted and {Rejected} refused before the cut stay so, and the {DroppedBytes} bytes after its last newline, a line cut short, were dropped",
                _channel.Name, how, Result.Accepted, Result.Rejected, dropped);
        }
        else
        {
            _log.LogInformation(
                "ingest into {Channel}: {How}; the {Accepted} record(s) accepted and {Rejected} refused before the cut stay so",
                _channel.Name, how, Result.Accepted, Result.Rejected);
        }
    }

    /// <summary>Makes every accepted line durable.</summary>
    /// <exception cref="ChannelFailedException">The channel's log could not be written (or was reopened since the first line).</exception>
    public ValueTask CommitAsync(CancellationToken cancellationToken) => _channel.CommitAsync(_generation, cancellationToken);

    private void Flush(bool noteAlways = false)
    {
        if (_batch.Count == 0 && !noteAlways)
        {
            return;
        }

        if (_note is not null)
        {
            _channel.Append(_batch, _note(_ended));
        }
        else
        {
            _channel.Append(_batch);
        }

        _channel.Recent.Add(_batch);
        Result.Accepted += (ulong)_batch.Count;
        _batch.Clear();
    }

    private void WriteLine(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // A byte order mark opens files saved by editors on Windows (an inbox file, a posted file):
        // it belongs to no record, as for dsl run.
        if (_number == 0 && line.StartsWith(ByteOrderMark))
        {
            line = line[ByteOrderMark.Length..];
        }

        // A blank line is no record, but it has a number: refusals name the line as an editor and
        // Jobs.Preview of the same text do.
        _number++;
        if (Runtime.Sources.NdjsonRecordReader.IsBlank(line))
        {
            return;
        }

        if (line.Length > MaxLineBytes)
        {
            RejectTooLong();
            return;
        }

        if (LineCheck.Check(line, _bound) is { } problem)
        {
            Reject(problem.Reason, problem.Detail);
            return;
        }

        if (_batch.Bytes + ChannelEntry.Size(default, line) > MaxBatchBytes)
        {
            Flush();
        }

        _batch.Add(default, line);
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private void RejectTooLong() =>
        Reject("line_too_long", $"the line is longer than {MaxLineBytes} bytes (1 MiB) without its line ending");

    private void Reject(string reason, string detail)
    {
        Result.Rejected++;
        if (Result.Rejections.Count < MaxRejections)
        {
            Result.Rejections.Add(new IngestRejection { Number = _number, Reason = reason, Detail = detail });
            _log.LogInformation("ingest into {Channel}: line {Number} refused: {Reason}: {Detail}", _channel.Name, _number, reason, detail);
        }
    }
}
