using System.Security.Cryptography;
using Dsl.Daemon.Channels;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// Ingests files dropped into <c>DATA/inbox/</c> (<c>*.ndjson</c>, <c>*.jsonl</c>) into the
/// offline channel, then moves each to <c>inbox/done/</c>. Writers should create a file under
/// another name and rename it into place, so it is never read half-written. A file that cannot be
/// opened (no permission, a link to nothing) stays where it is, named once in the log, and does not
/// hold up the files after it. Each file is ingested once, whatever happens to the daemon: its
/// progress goes into the channel's commits (<see cref="InboxProgress"/>), so a stop or a crash
/// part way through resumes after the last record stored, and a file read whole but not yet moved
/// is only moved.
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

    // Files ingested that could not be moved to done/, named once in the log as well.
    private readonly HashSet<string> _unmovable = new(StringComparer.Ordinal);

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
        string[] files = Directory.EnumerateFiles(_inbox).Where(f => f.EndsWith(".ndjson", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        _unreadable.IntersectWith(files);
        if (files.Length == 0)
        {
            // Nothing to read: a failed log is not reopened for nothing (as a write would).
            return;
        }

        // The file a stop cut short goes first: the next file's progress would take the place of its own.
        InboxProgress? progress = InboxProgress.Parse(_offline.ReadNote());
        if (progress is not null)
        {
            files = [.. files.Where(f => Path.GetFileName(f) == progress.File), .. files.Where(f => Path.GetFileName(f) != progress.File)];
        }

        foreach (string file in files)
        {
            if (Open(file) is not { } opened)
            {
                continue;
            }

            await using (FileStream stream = opened)
            {
                await IngestAsync(Path.GetFileName(file), stream, InboxProgress.Parse(_offline.ReadNote()), cancellationToken).ConfigureAwait(false);
            }

            if (!MoveToDone(file))
            {
                // Moved first at the next poll (its progress says it was read whole): until then,
                // another file's progress would take the place of its own.
                return;
            }

            _offline.ForgetNote();
            _arrived("inbox/" + Path.GetFileName(file));
        }
    }

    /// <summary>
    /// Ingests the file from where <paramref name="progress"/> says the channel's records of it end
    /// (its start when the progress is of another file), each batch appended with the progress up
    /// to its end, so that a stop or a crash at any point leaves the channel and the progress in step.
    /// </summary>
    private async Task IngestAsync(string name, FileStream stream, InboxProgress? progress, CancellationToken cancellationToken)
    {
        long size = stream.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 16];
        long hashed = 0;
        InputPosition from = default;
        if (progress is not null && progress.File == name && progress.Size == size)
        {
            hashed = await HashAsync(stream, hash, buffer, progress.Hashed, cancellationToken).ConfigureAwait(false);
            if (hashed == progress.Hashed && Convert.ToHexStringLower(hash.GetCurrentHash()) == progress.Sha256)
            {
                from = progress.Ended;
            }
            else
            {
                // Another file under the same name: read from its start.
                hash.GetHashAndReset();
                hashed = 0;
            }

            stream.Position = from.Offset;
        }

        if (from.Offset > 0 && from.Offset == size)
        {
            _log.LogInformation("inbox {File}: its records were ingested before the daemon stopped, and it had not been moved to done/; it is moved now", name);
            return;
        }

        var writer = new ChannelWriter(_offline, _future, _log, from, ended => new InboxProgress(name, size, ended.Offset, ended.Lines, hashed, Convert.ToHexStringLower(hash.GetCurrentHash())).ToNote());
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // Bytes hashed to check the file already are not hashed again.
                long position = stream.Position - read;
                int fresh = (int)Math.Max(0, Math.Min(read, position + read - hashed));
                hash.AppendData(buffer, read - fresh, fresh);
                hashed = Math.Max(hashed, position + read);
                writer.Write(buffer.AsSpan(0, read));
            }

            await writer.CompleteAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _log.LogInformation(
                "inbox {File}: cut short by the daemon's stop at line {Line} (byte {Offset} of {Size}), {Accepted} records ingested and {Rejected} refused before; the next start reads on from there",
                name, writer.Ended.Lines, writer.Ended.Offset, size, writer.Result.Accepted, writer.Result.Rejected);
            throw;
        }
        finally
        {
            _totals.Add(Control.V1.Channel.Offline, writer.Result);
        }

        if (from.Offset > 0)
        {
            _log.LogInformation(
                "inbox {File}: {Accepted} records ingested, {Rejected} refused, from line {Line} on (the lines before it were ingested before the daemon stopped)",
                name, writer.Result.Accepted, writer.Result.Rejected, from.Lines + 1);
        }
        else
        {
            _log.LogInformation("inbox {File}: {Accepted} records ingested, {Rejected} refused", name, writer.Result.Accepted, writer.Result.Rejected);
        }
    }

    /// <summary>Hashes the file's first <paramref name="length"/> bytes (fewer if it is shorter); returns how many.</summary>
    private static async Task<long> HashAsync(FileStream stream, IncrementalHash hash, byte[] buffer, long length, CancellationToken cancellationToken)
    {
        long done = 0;
        int read;
        while (done < length && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            done += read;
        }

        return done;
    }

    /// <summary>Moves an ingested file to done/, or says once why it cannot be (it is tried again at each poll, and not ingested again).</summary>
    private bool MoveToDone(string file)
    {
        try
        {
            string done = Path.Combine(_inbox, "done");
            Directory.CreateDirectory(done);
            File.Move(file, Path.Combine(done, Path.GetFileName(file)), overwrite: true);
            _unmovable.Remove(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (_unmovable.Add(file))
            {
                _log.LogWarning("inbox {File}: its records are ingested, but it cannot be moved to done/, so it stays in the inbox, not ingested again, and holds up the files after it until it can be moved: {Error}", Path.GetFileName(file), e.Message);
            }

            return false;
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
