using System.Text.Json;
using Dsl.Runtime.Checkpoints;
using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// A note kept in step with a channel's commits: a writer that must know, after a crash, how much
/// of its input the channel holds (the inbox: which file, up to which byte) appends each batch with
/// the note that describes its input up to the batch's end. Before the log writes a commit record,
/// the note of the last batch that commit covers is made durable in <c>commit-notes.json</c>, with
/// the commit's end address; when the log is opened again, the note kept is the last one whose
/// address is not past the commit the log recovered. So the note says exactly what the log holds:
/// never a batch that was lost (it would be skipped), never less than was stored (it would be
/// stored twice). Notes past the recovered commit are dropped from the file, as the log will write
/// other entries at those addresses.
/// </summary>
internal sealed class CommitNotes
{
    private readonly string _path;
    private readonly Lock _gate = new();

    // Batches appended and not yet covered by a commit record: where each starts, and its note.
    private readonly Queue<(long Start, string? Note)> _pending = new();

    // What the file holds, oldest first: the commit's end address and the note then.
    private readonly List<Entry> _written = [];

    public CommitNotes(string path) => _path = path;

    /// <summary>The note of the latest batch appended (or recovered): null when there is none.</summary>
    public string? Latest
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count > 0 ? _pending.Last().Note : _written.Count > 0 ? _written[^1].Note : null;
            }
        }
    }

    /// <summary>
    /// The log was opened on its files and recovered its commit up to <paramref name="committedUntil"/>:
    /// the note of that commit is the latest, and batches appended to a log given up are forgotten.
    /// </summary>
    public void Recover(long committedUntil)
    {
        lock (_gate)
        {
            _pending.Clear();
            if (_written.Count == 0)
            {
                _written.AddRange(Read());
            }

            int kept = _written.FindLastIndex(e => e.Until <= committedUntil);
            if (kept == _written.Count - 1 && kept <= 0)
            {
                return;
            }

            List<Entry> recovered = kept < 0 ? [] : [_written[kept]];
            _written.Clear();
            _written.AddRange(recovered);
            Write();
        }
    }

    /// <summary>
    /// Appends <paramref name="batch"/> to <paramref name="log"/> with its <paramref name="note"/>,
    /// both or neither (false when the log's memory is full: try again once it has flushed). An
    /// empty batch notes input that added nothing to the log (refused lines), valid as soon as
    /// everything appended before it is committed.
    /// </summary>
    public bool TryAppend(FasterLog log, EntryBatch batch, string? note)
    {
        lock (_gate)
        {
            long start;
            if (batch.Count == 0)
            {
                start = log.TailAddress - 1;
            }
            else if (!log.TryEnqueue(batch, out start))
            {
                return false;
            }

            _pending.Enqueue((start, note));
            return true;
        }
    }

    /// <summary>
    /// A commit record up to <paramref name="until"/> is about to be written: the note of the last
    /// batch it covers is written first. A note that cannot be written leaves the one before it, so
    /// after a crash part of the input may be read again (stored twice), never skipped.
    /// </summary>
    public void BeforeCommit(long until)
    {
        lock (_gate)
        {
            bool covered = false;
            string? note = null;
            while (_pending.Count > 0 && _pending.Peek().Start < until)
            {
                note = _pending.Dequeue().Note;
                covered = true;
            }

            if (!covered)
            {
                return;
            }

            TryWrite(new Entry(until, note));
        }
    }

    /// <summary>The commit record up to <paramref name="until"/> is written: the notes before its own are no longer needed.</summary>
    public void AfterCommit(long until)
    {
        lock (_gate)
        {
            int last = _written.FindLastIndex(e => e.Until <= until);
            if (last > 0)
            {
                _written.RemoveRange(0, last);
            }
        }
    }

    /// <summary>
    /// The input the latest note describes is done with (the inbox moved the file away): no note
    /// from now on, once everything appended so far is committed.
    /// </summary>
    public void Forget()
    {
        lock (_gate)
        {
            if (_pending.Count > 0)
            {
                _pending.Enqueue((_pending.Last().Start, null));
                return;
            }

            if (_written.Count == 0 || _written[^1].Note is null)
            {
                return;
            }

            // Should the file not be written, the note stays: the input it names is gone from where
            // it was read, so it is not read again.
            TryWrite(new Entry(_written[^1].Until, null));
        }
    }

    private List<Entry> Read()
    {
        try
        {
            return JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(_path)) ?? [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (JsonException)
        {
            // Written whole or not at all (a rename): only a file changed by hand reads so. Without
            // a note, the input is read from its start.
            return [];
        }
    }

    /// <summary>Adds <paramref name="entry"/> to the file; if the file cannot be written, the entry is not kept and the latest note stays.</summary>
    private void TryWrite(Entry entry)
    {
        _written.Add(entry);
        try
        {
            Write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _written.RemoveAt(_written.Count - 1);
        }
    }

    private void Write() => DurableFiles.ReplaceAtomically(_path, JsonSerializer.SerializeToUtf8Bytes(_written));

    /// <summary>The note as of the commit that ends at <paramref name="Until"/>.</summary>
    private sealed record Entry(long Until, string? Note);
}
