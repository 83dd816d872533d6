using System.Globalization;
using System.Text;
using Dsl.Runtime.Checkpoints;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// The rotated output files of one run of a job: <c>RUN-OFFSET.ndjson</c>, where OFFSET is the
/// byte offset of the file's first byte within the run's output. <c>forwarded</c> records how far
/// the output has gone into the channel, a committed address of the channel then, and whether the
/// sink was closed cleanly: while it is open, any entry of the job's at or after that address was
/// forwarded after the mark was written (see <see cref="JobOutputSink"/>).
/// </summary>
internal sealed class OutputFiles : IDisposable
{
    private readonly int _run;
    private readonly long _segmentBytes;
    private FileStream _current;
    private long _currentStart;

    public OutputFiles(string folder, int run, long segmentBytes)
    {
        Folder = folder;
        _run = run;
        _segmentBytes = segmentBytes;
        Directory.CreateDirectory(folder);
        long[] starts = Starts();
        _currentStart = starts.Length == 0 ? 0 : starts[^1];
        _current = Open(_currentStart);
        string[] mark = File.Exists(ForwardedPath) ? File.ReadAllText(ForwardedPath).Split(' ') : [];
        Forwarded = mark.Length > 0 && long.TryParse(mark[0], CultureInfo.InvariantCulture, out long forwarded) ? forwarded : 0;

        // A mark of an earlier version (no address, or one that was not known to be committed)
        // gives no place to look from.
        ChannelTail = mark.Length > 2 && long.TryParse(mark[1], CultureInfo.InvariantCulture, out long tail) ? tail : -1;
        Closed = mark.Length > 2 && mark[2] == "closed";
    }

    public string Folder { get; }

    /// <summary>Bytes of the run's output on disk.</summary>
    public long Length => _currentStart + _current.Length;

    /// <summary>How much of the output went into the channel.</summary>
    public long Forwarded { get; private set; }

    /// <summary>A committed address of the channel when <see cref="Forwarded"/> was recorded; −1 when unknown (no mark yet).</summary>
    public long ChannelTail { get; private set; }

    /// <summary>Whether the mark was written by a sink closing with no forward under way: nothing of the job's follows <see cref="ChannelTail"/>.</summary>
    public bool Closed { get; private set; }

    private string ForwardedPath => Path.Combine(Folder, $"{_run:D4}.forwarded");

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _current.Seek(0, SeekOrigin.End);
        _current.Write(bytes);
    }

    public void Sync() => _current.Flush(flushToDisk: true);

    /// <summary>Records, durably, that the output up to <paramref name="offset"/> is in the channel, committed up to <paramref name="channelTail"/>.</summary>
    public void SetForwarded(long offset, long channelTail, bool closed = false)
    {
        Forwarded = offset;
        ChannelTail = channelTail;
        Closed = closed;
        DurableFiles.ReplaceAtomically(ForwardedPath, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset} {channelTail} {(closed ? "closed" : "open")}")));
    }

    public void RotateIfLarge()
    {
        if (_current.Length < _segmentBytes)
        {
            return;
        }

        long start = Length;
        _current.Dispose();
        _currentStart = start;
        _current = Open(start);
        DurableFiles.SyncDirectory(Folder);
    }

    /// <summary>Drops every byte from <paramref name="offset"/> on, deleting later files.</summary>
    public void Truncate(long offset)
    {
        _current.Dispose();
        long[] starts = Starts();
        long keep = starts.Where(s => s <= offset).DefaultIfEmpty(0).Max();
        foreach (long start in starts.Where(s => s > keep))
        {
            File.Delete(PathOf(start));
        }

        _currentStart = keep;
        _current = Open(keep);
        _current.SetLength(offset - keep);
        _current.Flush(flushToDisk: true);
        DurableFiles.SyncDirectory(Folder);
    }

    public void Dispose() => _current.Dispose();

    private FileStream Open(long start) =>
        new(PathOf(start), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);

    private string PathOf(long start) => Path.Combine(Folder, $"{_run:D4}-{start:D15}.ndjson");

    private long[] Starts()
    {
        string prefix = $"{_run:D4}-";
        return [.. Directory.EnumerateFiles(Folder, prefix + "*.ndjson")
            .Select(p => Path.GetFileNameWithoutExtension(p)[prefix.Length..])
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1)
            .Where(v => v >= 0)
            .Order()];
    }
}
