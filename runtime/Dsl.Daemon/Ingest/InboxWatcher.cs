using Dsl.Daemon.Channels;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// Ingests files dropped into <c>DATA/inbox/</c> (<c>*.ndjson</c>, <c>*.jsonl</c>) into the
/// offline channel, then moves each to <c>inbox/done/</c>. Writers should create a file under
/// another name and rename it into place, so it is never read half-written. A file that cannot be
/// opened (no permission, a link to nothing) stays where it is, named once in the log, and does not
/// hold up the files after it.
/// </summary>
internal sealed class InboxWatcher
{
    private readonly string _inbox;
    private readonly ChannelLog _offline;
    private readonly IngestTotals _totals;
    private readonly FutureLimit _future;
    private readonly ILogger _log;
    private readonly Action<string> _arrived;

    // Files found unreadable, so that the log names each once rather than at every poll.
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public InboxWatcher(string inbox, ChannelLog offline, IngestTotals totals, FutureLimit future, ILogger log, Action<string> arrived)
    {
        _future = future;
        _arrived = arrived;
        _inbox = inbox;
        _offline = offline;
        _totals = totals;
        _log = log;
    }

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        string done = Path.Combine(_inbox, "done");
        string[] files = Directory.EnumerateFiles(_inbox).Where(f => f.EndsWith(".ndjson", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        _unreadable.IntersectWith(files);
        foreach (string file in files)
        {
            if (Open(file) is not { } opened)
            {
                continue;
            }

            var writer = new ChannelWriter(_offline, _future, _log);
            await using (FileStream stream = opened)
            {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    writer.Write(buffer.AsSpan(0, read));
                }
            }

            writer.Complete();
            await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
            _totals.Add(Control.V1.Channel.Offline, writer.Result);
            Directory.CreateDirectory(done);
            File.Move(file, Path.Combine(done, Path.GetFileName(file)), overwrite: true);
            _arrived("inbox/" + Path.GetFileName(file));
            _log.LogInformation("inbox {File}: {Accepted} records ingested, {Rejected} refused", Path.GetFileName(file), writer.Result.Accepted, writer.Result.Rejected);
        }
    }

    /// <summary>Opens an inbox file to read, or says once why it cannot be (it is tried again at each poll).</summary>
    private FileStream? Open(string file)
    {
        try
        {
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            _unreadable.Remove(file);
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_unreadable.Add(file))
            {
                _log.LogWarning("inbox {File} cannot be read, so it stays in the inbox; it is read once it can be: {Error}", Path.GetFileName(file), e.Message);
            }

            return null;
        }
    }
}
