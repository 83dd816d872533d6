using System.Globalization;
using System.Text;
using Dsl.Control.V1;
using Dsl.Daemon.Api;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A job's error log for <c>Jobs.Logs</c>: the runtime's error log writes here (two lines per
/// rejected record: <c>line POSITION: reason: detail</c> and the record), and the latest entries
/// are kept; older ones are only counted.
/// </summary>
public sealed class BoundedErrorLog : TextWriter
{
    private readonly int _capacity;
    private readonly Queue<ErrorLogEntry> _entries = new();
    private readonly Lock _gate = new();
    private ErrorLogEntry? _open;
    private long _dropped;

    /// <summary>Keeps the latest <paramref name="capacity"/> entries.</summary>
    public BoundedErrorLog(int capacity = 1000) => _capacity = capacity;

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Entries no longer held.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds an entry directly (e.g. a job failure).</summary>
    public void Add(string reason, string detail, string record = "", long position = 0) =>
        Enqueue(new ErrorLogEntry { Time = Conversions.ToProto(DateTimeOffset.UtcNow), Reason = reason, Detail = detail, Record = record, Position = (ulong)Math.Max(0, position) });

    /// <summary>The entries at or after <paramref name="since"/>, the newest <paramref name="limit"/> (0 = all).</summary>
    public IReadOnlyList<ErrorLogEntry> Entries(DateTimeOffset? since, int limit)
    {
        lock (_gate)
        {
            var list = _entries.Where(e => since is null || e.Time.ToDateTimeOffset() >= since).ToList();
            return limit > 0 && list.Count > limit ? list.GetRange(list.Count - limit, limit) : list;
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
            open.Record = value[2..];
            _open = null;
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
            _entries.Enqueue(entry);
            if (_entries.Count > _capacity)
            {
                _entries.Dequeue();
                Interlocked.Increment(ref _dropped);
            }
        }
    }
}
