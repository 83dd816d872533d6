using System.Globalization;
using System.Text;
using Dsl.Control.V1;
using Dsl.Daemon.Api;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A job's error log for <c>Jobs.Logs</c>: the runtime's error log writes here (two lines per
/// rejected record: <c>line POSITION: reason: detail</c> and the record), and the latest entries
/// are kept; older ones are only counted. A daemon's job keeps it beside its state
/// (<see cref="ErrorLogFile"/>), so that it outlives a restart as the counters do.
/// </summary>
public sealed class BoundedErrorLog : TextWriter
{
    private readonly int _capacity;
    private readonly Queue<ErrorLogEntry> _entries = new();
    private readonly Lock _gate = new();
    private ErrorLogEntry? _open;
    private long _dropped;

    // Bumped by every change, so that a checkpoint rewrites the log's file only when it changed.
    private long _changes;

    /// <summary>Keeps the latest <paramref name="capacity"/> entries.</summary>
    public BoundedErrorLog(int capacity = 1000) => _capacity = capacity;

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Entries no longer held.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>A count of the changes so far: equal counts, equal contents.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Adds an entry directly (e.g. a job failure).</summary>
    public void Add(string reason, string detail, string record = "", long position = 0) =>
        Enqueue(new ErrorLogEntry { Time = Conversions.ToProto(DateTimeOffset.UtcNow), Reason = reason, Detail = detail, Record = record, Position = (ulong)Math.Max(0, position) });

    /// <summary>The entries at or after <paramref name="since"/>, the newest <paramref name="limit"/> (0 = all), oldest first.</summary>
    public IReadOnlyList<ErrorLogEntry> Entries(DateTimeOffset? since, int limit) => Entries(since, limit, out _);

    /// <summary>
    /// The entries at or after <paramref name="since"/>, the newest <paramref name="limit"/> (0 = all),
    /// oldest first, and how many held entries at or after it the limit left out (older than those).
    /// </summary>
    public IReadOnlyList<ErrorLogEntry> Entries(DateTimeOffset? since, int limit, out int left)
    {
        lock (_gate)
        {
            var list = _entries.Where(e => since is null || e.Time.ToDateTimeOffset() >= since).ToList();
            left = limit > 0 && list.Count > limit ? list.Count - limit : 0;
            return left > 0 ? list.GetRange(left, limit) : list;
        }
    }

    /// <summary>Every entry held, oldest first, and the count of those no longer held.</summary>
    public (IReadOnlyList<ErrorLogEntry> Entries, long Dropped) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _entries.Select(e => e.Clone())], _dropped);
        }
    }

    /// <summary>Replaces the contents (with those a file kept, or with nothing for a new run).</summary>
    public void Replace(IEnumerable<ErrorLogEntry> entries, long dropped)
    {
        lock (_gate)
        {
            ReplaceLocked([.. entries], dropped);
        }
    }

    /// <summary>
    /// Forgets the entries of records at or after a channel position: a job resumed from a checkpoint
    /// there reads those records again and logs them anew. Entries without a position (a failure of
    /// the job) are not records, and stay.
    /// </summary>
    public void ForgetFrom(long position)
    {
        lock (_gate)
        {
            List<ErrorLogEntry> kept = [.. _entries.Where(e => e.Position == 0 || e.Position < (ulong)position)];
            if (kept.Count < _entries.Count)
            {
                ReplaceLocked(kept, _dropped);
            }
        }
    }

    /// <inheritdoc />
    public override void Write(char value)
    {
        // The runtime writes whole lines only.
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.StartsWith("  ", StringComparison.Ordinal) && _open is { } open)
        {
            lock (_gate)
            {
                open.Record = value[2..];
                _open = null;
                Interlocked.Increment(ref _changes);
            }

            return;
        }

        // "line N: reason: detail"
        string[] parts = value.Split(": ", 3);
        if (parts.Length < 3 || !parts[0].StartsWith("line ", StringComparison.Ordinal))
        {
            return;
        }

        _ = long.TryParse(parts[0][5..], NumberStyles.None, CultureInfo.InvariantCulture, out long position);
        if (parts[2].StartsWith("further ", StringComparison.Ordinal))
        {
            return;
        }

        var entry = new ErrorLogEntry { Time = Conversions.ToProto(DateTimeOffset.UtcNow), Reason = parts[1], Detail = parts[2], Position = (ulong)position };
        _open = entry;
        Enqueue(entry);
    }

    private void Enqueue(ErrorLogEntry entry)
    {
        lock (_gate)
        {
            EnqueueLocked(entry);
            Interlocked.Increment(ref _changes);
        }
    }

    private void ReplaceLocked(List<ErrorLogEntry> entries, long dropped)
    {
        _entries.Clear();
        _open = null;
        Interlocked.Exchange(ref _dropped, dropped);
        foreach (ErrorLogEntry entry in entries)
        {
            EnqueueLocked(entry);
        }

        Interlocked.Increment(ref _changes);
    }

    private void EnqueueLocked(ErrorLogEntry entry)
    {
        _entries.Enqueue(entry);
        if (_entries.Count > _capacity)
        {
            _entries.Dequeue();
            Interlocked.Increment(ref _dropped);
        }
    }
}
