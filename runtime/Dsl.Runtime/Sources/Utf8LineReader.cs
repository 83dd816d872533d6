namespace Dsl.Runtime.Sources;

/// <summary>
/// Splits a byte stream into lines without decoding or allocating per line. A line span is valid
/// until the next call. <c>\r\n</c> and <c>\n</c> both end a line; a last line without a newline counts.
/// A UTF-8 byte order mark at the start of the input (editors on Windows write one) is not part of
/// the first line.
/// </summary>
public sealed class Utf8LineReader
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    // Offset in the input of _buffer[0]: the bytes before it have been returned as lines.
    private long _bufferOffset;

    public Utf8LineReader(Stream stream)
        : this(stream, 0, 0)
    {
    }

    /// <summary>A reader of a stream positioned at <paramref name="offset"/>, after line <paramref name="lineNumber"/>.</summary>
    public Utf8LineReader(Stream stream, long offset, long lineNumber)
    {
        _stream = stream;
        _bufferOffset = offset;
        LineNumber = lineNumber;
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Offset in the input of the first byte after the line last returned (and its newline).</summary>
    public long Offset => _bufferOffset + _start;

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            if (_bufferOffset + _start == 0 && !SkipByteOrderMark())
            {
                Fill();
                continue;
            }

            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>
    /// At the start of the input: steps over a byte order mark, and is false while too few bytes
    /// have been read to tell whether one is there.
    /// </summary>
    private bool SkipByteOrderMark()
    {
        ReadOnlySpan<byte> head = _buffer.AsSpan(0, _end);
        if (head.StartsWith(ByteOrderMark))
        {
            _start = ByteOrderMark.Length;
            return true;
        }

        return _eof || !ByteOrderMark.StartsWith(head);
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private void Fill()
    {
        if (_start > 0)
        {
            _bufferOffset += _start;
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
