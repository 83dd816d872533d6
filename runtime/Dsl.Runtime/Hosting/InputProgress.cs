namespace Dsl.Runtime.Hosting;

/// <summary>
/// How far a run has read its input, in bytes from the input's start, for a caller that shows the
/// run's progress while it works (read from another thread).
/// </summary>
public sealed class InputProgress
{
    private long _bytes;

    /// <summary>Bytes of the input read so far (including any a resumed run had read before).</summary>
    public long Bytes => Volatile.Read(ref _bytes);

    /// <summary>Sets how far the input has been read.</summary>
    public void Report(long bytes) => Volatile.Write(ref _bytes, bytes);

    /// <summary>Adds bytes just read.</summary>
    public void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
