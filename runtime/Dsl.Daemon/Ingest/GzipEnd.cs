using System.IO.Compression;
using System.Security.Cryptography;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// Tells a gzip body that ended where a gzip member ends from one cut off on its way. .NET's
/// <see cref="GZipStream"/> ends quietly where its input ends, inside a member too, so a body
/// whose sender stopped midway (or never finished its gzip) would read as whole and its lost
/// records be acknowledged. So the body is read followed by a member of its own: one that
/// decompresses to <see cref="Marker"/>, which comes out last only when everything before it
/// ended where a member ends; after a cut, its bytes are read as the rest of the cut member and
/// give something else, or an error.
/// </summary>
internal static class GzipEnd
{
    /// <summary>Sixteen random bytes, drawn once: no body ends in them by chance.</summary>
    public static ReadOnlySpan<byte> Marker => _marker;

    private static readonly byte[] _marker = RandomNumberGenerator.GetBytes(16);
    private static readonly byte[] _markerMember = Compress(_marker);

    /// <summary>The body as <see cref="GZipStream"/> should read it: followed by the marker's member.</summary>
    public static Stream Followed(Stream body) => new ThenBytes(body, _markerMember);

    private static byte[] Compress(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    /// <summary>A stream that reads another to its end, then some bytes.</summary>
    private sealed class ThenBytes(Stream first, byte[] then) : Stream
    {
        private int _thenRead = -1;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_thenRead < 0)
            {
                int read = first.Read(buffer);
                if (read > 0 || buffer.IsEmpty)
                {
                    return read;
                }

                _thenRead = 0;
            }

            return ReadThen(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_thenRead < 0)
            {
                int read = await first.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (read > 0 || buffer.IsEmpty)
                {
                    return read;
                }

                _thenRead = 0;
            }

            return ReadThen(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int ReadThen(Span<byte> buffer)
        {
            int n = Math.Min(buffer.Length, then.Length - _thenRead);
            then.AsSpan(_thenRead, n).CopyTo(buffer);
            _thenRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
