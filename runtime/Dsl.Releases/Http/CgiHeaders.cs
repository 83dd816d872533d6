using System.Globalization;
using System.Text;

namespace Dsl.Releases.Http;

/// <summary>The header block a CGI program writes before its body (RFC 3875 §6).</summary>
/// <param name="Remainder">Body bytes read past the blank line.</param>
internal sealed record CgiHeaders(int Status, IReadOnlyList<(string Name, string Value)> Fields, ReadOnlyMemory<byte> Remainder)
{
    private const int MaxHeaderBytes = 64 * 1024;

    public static async Task<CgiHeaders> ReadAsync(Stream stream, CancellationToken cancellation)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (true)
        {
            var end = HeaderEnd(buffer.AsSpan(0, filled), out var separator);
            if (end >= 0)
                return Parse(Encoding.Latin1.GetString(buffer, 0, end), buffer.AsMemory(end + separator, filled - end - separator));
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxHeaderBytes)
                    throw new InvalidDataException("git http-backend wrote an oversized header block.");
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellation).ConfigureAwait(false);
            if (read == 0)
                return Parse(Encoding.Latin1.GetString(buffer, 0, filled), ReadOnlyMemory<byte>.Empty);
            filled += read;
        }
    }

    private static int HeaderEnd(ReadOnlySpan<byte> data, out int separator)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separator = 4;
            return crlf;
        }
        separator = 2;
        return lf;
    }

    private static CgiHeaders Parse(string block, ReadOnlyMemory<byte> remainder)
    {
        var status = 200;
        var fields = new List<(string, string)>();
        foreach (var line in block.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                continue;
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
                status = int.TryParse(value.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 500;
            else
                fields.Add((name, value));
        }
        return new CgiHeaders(status, fields, remainder);
    }
}
