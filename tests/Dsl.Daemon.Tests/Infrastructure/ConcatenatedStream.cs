namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>Reads several streams one after the other.</summary>
internal sealed class ConcatenatedStream(params Stream[] parts) : Stream
{
    private int _index;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_index < parts.Length)
        {
            int read = parts[_index].Read(buffer, offset, count);
            if (read > 0)
            {
                return read;
            }

            _index++;
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        foreach (Stream part in parts)
        {
            part.Dispose();
        }

        base.Dispose(disposing);
    }
}
