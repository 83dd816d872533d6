namespace Dsl.Runtime.Sinks;

/// <summary>
/// Where a preview's NDJSON outputs go: the first <c>limit</c> lines are kept, the rest only
/// counted. A preview is a small batch, but one record can make millions of outputs: <c>fill</c>
/// and <c>merge … every</c> emit for each window and grid time between an asset's records, so a
/// record a year after the one before it at <c>tumbling 1s</c> makes 31 million, which the
/// preview held in memory (gigabytes, then a failure) and took minutes to make. Past
/// <see cref="Ceiling"/> outputs the run is stopped (<see cref="PreviewTooLargeException"/>), and it
/// is stopped too when the caller goes away.
/// </summary>
public sealed class PreviewOutput(int limit, CancellationToken cancellation) : Stream
{
    /// <summary>More outputs than any preview is for; a run that makes more is stopped.</summary>
    public const long Ceiling = 1_000_000;

    /// <summary>Why a preview made that many, for the message that says it stopped.</summary>
    public const string Cause = "fill and merge every emit for each window and grid time between an asset's records, "
        + "so a record far ahead of the one before it makes that many";

    private readonly MemoryStream _kept = new();

    /// <summary>Output lines written so far, kept or not.</summary>
    public long Lines { get; private set; }

    /// <summary>The first <c>limit</c> lines.</summary>
    public ReadOnlySpan<byte> Kept => _kept.GetBuffer().AsSpan(0, (int)_kept.Length);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        cancellation.ThrowIfCancellationRequested();
        while (!buffer.IsEmpty)
        {
            int end = buffer.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? buffer : buffer[..(end + 1)];
            if (Lines < limit)
            {
                _kept.Write(line);
            }

            // A line's part without its newline goes on in the next write; the line counts at its newline.
            if (end >= 0 && ++Lines > Ceiling)
            {
                throw new PreviewTooLargeException();
            }

            buffer = buffer[line.Length..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A preview made more than <see cref="PreviewOutput.Ceiling"/> outputs and was stopped.</summary>
public sealed class PreviewTooLargeException : Exception
{
    public PreviewTooLargeException()
        : base($"the preview stopped after {PreviewOutput.Ceiling:N0} outputs")
    {
    }

    public PreviewTooLargeException(string message)
        : base(message)
    {
    }

    public PreviewTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
