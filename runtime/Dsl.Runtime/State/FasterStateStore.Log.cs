using System.Globalization;
using System.Runtime.CompilerServices;
using Dsl.Runtime.Hosting;
using FASTER.core;

namespace Dsl.Runtime.State;

/// <summary>
/// The store's log on disk: its segment and page sizes, fixed at creation; compaction, when the log is
/// mostly old versions and removed entries; and which segment files each checkpoint needs, so
/// that the others can be deleted once no kept checkpoint does.
/// </summary>
public sealed partial class FasterStateStore
{
    // The log's segment size is fixed for a store's life: addresses map to files by it.
    private const string SegmentSizeFileName = "segment-bytes";

    // The page size is fixed too: FASTER reads a log back by its pages.
    private const string PageSizeFileName = "page-bytes";

    // What stores made before the size was chosen (and recorded) use: FASTER's default.
    private const long LegacySegmentBytes = 1L << 30;

    private IReadOnlyList<LogSegment> _checkpointLog = [];

    /// <summary>
    /// The segments of FASTER's main log the last checkpoint needs, from the one holding its begin
    /// address to its flushed address, each with the SHA-256 of its bytes below that address: what
    /// FASTER recovers from the log file (what lies above is in the checkpoint's own snapshot file).
    /// </summary>
    internal IReadOnlyList<LogSegment> CheckpointLogFiles() => _checkpointLog;

    private void HashCheckpointLog(Guid token)
    {
        byte[] metadata = _faster.CheckpointManager.GetLogCheckpointMetadata(token, null, false, -1)
            ?? throw new InvalidOperationException($"FASTER's checkpoint {token} has no metadata.");
        var info = default(HybridLogRecoveryInfo);
        try
        {
            using var reader = new StreamReader(new MemoryStream(metadata));
            info.Initialize(reader);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or EndOfStreamException)
        {
            // FASTER does not report a failed write of its checkpoint's metadata (a full disk): it
            // reads back cut short. Said as the system would have said it, had it been passed on.
            throw NotWritten(token, e);
        }

        _checkpointLog = _logChecksums.Update(_checkpointBegin, info.flushedLogicalAddress);
    }

    /// <summary>
    /// Why a checkpoint's metadata reads back cut short: no space left, when the store's disk has
    /// (almost) none; else a failed write of unknown cause.
    /// </summary>
    private IOException NotWritten(Guid token, Exception cause)
    {
        bool full;
        try
        {
            full = new DriveInfo(_directory).AvailableFreeSpace < 1 << 20;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            full = false;
        }

        return full
            ? FileSystemRefusal.NoSpaceOn(_directory)
            : new IOException($"The state store's checkpoint {token} in {_directory} was not written whole (its metadata reads back cut short): {cause.Message}", cause);
    }

    private string SegmentPath(long segment) => Path.Combine(_directory, LogFileName + "." + segment.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Deletes the log's segments that neither the last checkpoint nor any of
    /// <paramref name="keptLogFiles"/> (the files the kept checkpoints list) needs.
    /// </summary>
    internal void ReleaseLog(IEnumerable<string> keptLogFiles)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long first = keptLogFiles.Select(SegmentOf).Where(s => s >= 0).Append(_checkpointBegin / _segmentBytes).Min();
        _device.ReleaseBelow(first * _segmentBytes);
    }

    /// <summary>
    /// Copies the live entries at the log's start to its tail and moves the start past them, when
    /// the log is more than twice the live entries and at least a segment could be freed. Only
    /// the part FASTER has made read-only is compacted; what a kept checkpoint still needs stays
    /// on disk until <see cref="ReleaseLog"/>.
    /// </summary>
    private void CompactIfWasteful()
    {
        LogAccessor<StateKey, StateValue> log = _faster.Log;
        long live = (_tables.Values.Sum(t => t.LongCount) + _storedTables.Values.Sum(t => t.Count)) * RecordBytes;
        if (log.TailAddress - log.BeginAddress - (2 * live) < _segmentBytes)
        {
            return;
        }

        long until = log.SafeReadOnlyAddress & ~(_segmentBytes - 1);
        if (until <= log.BeginAddress)
        {
            return;
        }

        // Lookup finds each record's newest version through the index; a scan would build a
        // second store as large as the range.
        _session.Compact(until, CompactionType.Lookup);
        Compactions++;
    }

    // A record in FASTER's log: its header, the key and the value.
    private static long RecordBytes => sizeof(long) + Unsafe.SizeOf<StateKey>() + StateValue.Size;

    /// <summary>
    /// The log's segment and page sizes: chosen from the budget for a new store and recorded, read
    /// back for a restored one (a store made before they were recorded has 1 GB segments, and the
    /// pages its budget gives, as it always did).
    /// </summary>
    private static (long Segment, long Page) LogLayout(string directory, StateStoreOptions options, bool restored)
    {
        if (!restored)
        {
            Record(directory, SegmentSizeFileName, options.SegmentBytes);
            Record(directory, PageSizeFileName, options.PageBytes);
            return (options.SegmentBytes, options.PageBytes);
        }

        return (Recorded(directory, SegmentSizeFileName) ?? LegacySegmentBytes, Recorded(directory, PageSizeFileName) ?? options.PageBytes);
    }

    private static void Record(string directory, string name, long bytes) =>
        File.WriteAllText(Path.Combine(directory, name), bytes.ToString(CultureInfo.InvariantCulture));

    private static long? Recorded(string directory, string name)
    {
        string path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            return null;
        }

        return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes > 0 && (bytes & (bytes - 1)) == 0
            ? bytes
            : throw new InvalidDataException($"{path} does not hold a size in bytes (a power of two).");
    }

    /// <summary>The segment number of a log file (<c>hlog.log.N</c>); -1 for any other name.</summary>
    private static long SegmentOf(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith(LogFileName + ".", StringComparison.Ordinal)
            && long.TryParse(name.AsSpan(LogFileName.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long segment)
            ? segment
            : -1;
    }
}
