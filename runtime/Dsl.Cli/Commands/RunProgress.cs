using System.Globalization;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Commands;

/// <summary>What the progress line of <c>dsl run</c> says: how much of its input it has read.</summary>
public static class RunProgress
{
    /// <summary>
    /// <c>37% of in.jsonl read (45.2 MB of 120.0 MB)</c> for a file, whose size is known, and
    /// <c>45.2 MB of standard input read</c> for standard input (or anything else without a size).
    /// </summary>
    public static Func<string> Describe(string input, InputProgress progress)
    {
        long size = SizeOf(input);
        string name = input == InputFiles.Standard ? "standard input" : input;
        return () =>
        {
            long read = progress.Bytes;
            if (size <= 0)
                return $"{Size(read)} of {name} read";
            long percent = Math.Min(100, read * 100 / size);
            return $"{percent}% of {name} read ({Size(read)} of {Size(size)})";
        };
    }

    /// <summary>The input stream, telling <paramref name="progress"/> of each read.</summary>
    public static Stream Counted(Stream input, InputProgress progress) => new CountingStream(input, progress);

    private static long SizeOf(string input)
    {
        if (input == InputFiles.Standard)
            return 0;
        try
        {
            var file = new FileInfo(input);
            return file.Exists ? file.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 'kB'", CultureInfo.InvariantCulture),
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0 'MB'", CultureInfo.InvariantCulture),
    };

    private sealed class CountingStream(Stream inner, InputProgress progress) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            progress.Add(read);
            return read;
        }
    }
}
