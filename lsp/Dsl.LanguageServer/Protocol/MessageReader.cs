using System.Globalization;
using System.Text;

namespace Dsl.LanguageServer.Protocol;

/// <summary>
/// Reads Content-Length framed messages from a stream. A header block without a usable
/// Content-Length is skipped (logged) rather than ending the session, so one garbled
/// message from a client does not take the server down. After a wrong Content-Length the
/// reader finds the next message again (see <see cref="HeaderStart"/>). End of stream yields null.
/// </summary>
public sealed class MessageReader(Stream input, TextWriter log)
{
    // A header line longer than this is garbage, not a header: only its last bytes are kept,
    // where the header of the next message is when the garbage is the rest of a message body.
    private const int MaxHeaderLineLength = 8 * 1024;

    private const string ContentLengthHeader = "Content-Length:";

    // Larger bodies are refused: a bad length must not make the server allocate gigabytes.
    private const int MaxContentLength = 256 * 1024 * 1024;

    private readonly Stream _input = input;
    private readonly TextWriter _log = log;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _bufferStart;
    private int _bufferEnd;

    /// <summary>The body of the next message, or null when the stream has ended.</summary>
    public async Task<byte[]?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int? contentLength = null;
            var sawHeader = false;
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                    return null;
                if (line.Length == 0)
                {
                    if (sawHeader)
                        break;
                    // Blank lines between messages are tolerated.
                    continue;
                }
                line = line[HeaderStart(line)..];
                sawHeader = true;
                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    _log.WriteLine($"[lsp] ignoring malformed header line: {Truncate(line)}");
                    continue;
                }
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals(ContentLengthHeader[..^1], StringComparison.OrdinalIgnoreCase))
                {
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length <= MaxContentLength)
                        contentLength = length;
                    else
                        _log.WriteLine($"[lsp] ignoring invalid Content-Length: {Truncate(value)}");
                }
            }

            if (contentLength is not { } count)
            {
                _log.WriteLine("[lsp] skipping a header block without a valid Content-Length");
                continue;
            }

            var body = new byte[count];
            if (!await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false))
                return null;
            return body;
        }
    }

    /// <summary>
    /// Where the header in a line starts. A Content-Length that was too small leaves the rest of
    /// its body in front of the next header, and one that was too large swallows the start of the
    /// next message: message bodies do not end in a line break, so in both cases the next header
    /// follows garbage on the same line, and every later message would be lost if only a line
    /// starting with the header counted. The last Content-Length in the line is that header.
    /// </summary>
    private int HeaderStart(string line)
    {
        var start = line.LastIndexOf(ContentLengthHeader, StringComparison.OrdinalIgnoreCase);
        if (start <= 0)
            return 0;
        _log.WriteLine($"[lsp] skipping {start} characters before a Content-Length header: {Truncate(line[..start])}");
        return start;
    }

    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        while (true)
        {
            if (_bufferStart == _bufferEnd && !await FillAsync(cancellationToken).ConfigureAwait(false))
                return bytes.Count == 0 ? null : Decode(bytes);
            var b = _buffer[_bufferStart++];
            if (b == (byte)'\n')
            {
                if (bytes.Count > 0 && bytes[^1] == (byte)'\r')
                    bytes.RemoveAt(bytes.Count - 1);
                return Decode(bytes);
            }
            if (bytes.Count == MaxHeaderLineLength)
                bytes.RemoveRange(0, MaxHeaderLineLength / 2);
            bytes.Add(b);
        }
    }

    private async Task<bool> ReadExactlyAsync(byte[] target, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < target.Length)
        {
            if (_bufferStart == _bufferEnd && !await FillAsync(cancellationToken).ConfigureAwait(false))
                return false;
            var count = Math.Min(target.Length - filled, _bufferEnd - _bufferStart);
            Buffer.BlockCopy(_buffer, _bufferStart, target, filled, count);
            _bufferStart += count;
            filled += count;
        }
        return true;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _bufferStart = 0;
        _bufferEnd = 0;
        int read;
        try
        {
            read = await _input.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // A broken pipe is a disconnected client: end of stream.
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        _bufferEnd = read;
        return read > 0;
    }

    private static string Decode(List<byte> bytes) => Encoding.ASCII.GetString(bytes.ToArray());

    private static string Truncate(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
