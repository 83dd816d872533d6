using System.Text;
using Dsl.Runtime.Hosting;
using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// One channel (realtime or offline): a FasterLog on disk. Each entry is one record line with
/// its origin (<see cref="ChannelEntry"/>). Entries become visible to readers once committed; a
/// background loop commits every few milliseconds, and writers that promise durability (ingest
/// responses) wait for their own commit. A FasterLog whose write failed (a full or failing disk)
/// commits nothing again: the next write reopens it on the same files (<see cref="BeginWrite"/>),
/// so that the channel takes writes again once the disk is mended. A writer that resumes its input
/// after a crash (the inbox) appends with a note that the commits keep in step (<see cref="CommitNotes"/>).
/// </summary>
public sealed class ChannelLog : IDisposable
{
    // A reopening waits this long for the failed log's writes under way.
    private static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(30);

    // Appends share it; a reopening takes it alone, so that no entry goes into a log given up.
    private readonly ReaderWriterLockSlim _swap = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _committer;
    private readonly TimeSpan _commitEvery;
    private readonly Func<string, IDevice> _openDevice;
    private readonly CommitNotes _notes;
    private volatile LogGeneration _current;
    private long _appended;

    /// <summary>
    /// Opens (recovering the last commit) or creates the log in <paramref name="directory"/>; the
    /// background loop commits every <paramref name="commitEvery"/> (5 ms unless given).
    /// </summary>
    public ChannelLog(string name, string directory, TimeSpan? commitEvery = null)
        : this(name, directory, commitEvery, path => Devices.CreateLogDevice(path, preallocateFile: false))
    {
    }

    /// <summary>As the public constructor, with the device of the log's segments given (tests fail its writes).</summary>
    internal ChannelLog(string name, string directory, TimeSpan? commitEvery, Func<string, IDevice> openDevice)
    {
        _commitEvery = commitEvery ?? TimeSpan.FromMilliseconds(5);
        _openDevice = openDevice;
        Name = name;
        Folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        _notes = new CommitNotes(Path.Combine(Folder, "commit-notes.json"));
        _current = new LogGeneration(1, Folder, openDevice, _notes);
        _notes.Recover(_current.Log.CommittedUntilAddress);
        Recent = new RecentRecords(10_000);
        SeedRecent();
        _committer = Task.Run(CommitLoopAsync);
    }

    /// <summary><c>realtime</c> or <c>offline</c>.</summary>
    public string Name { get; }

    /// <summary>The folder of its files.</summary>
    public string Folder { get; }

    /// <summary>
    /// Where a job continues: its checkpoint's position, or its run's start address before its first
    /// checkpoint, once the channel is found to still hold what follows it. Entries are read
    /// only once committed, so a position beyond the committed tail means the channel lost entries
    /// since (its commit record damaged or deleted, an older copy put back): it would append new
    /// records below the position, and the job would never read them, so it must not go on.
    /// </summary>
    /// <remarks>
    /// A position below the log's start means retention dropped entries the job had not read as
    /// of that position (its hold on them ended: a job failed longer than the maximum pause, or one
    /// resumed from an earlier checkpoint than its damaged latest); going on from the start would
    /// skip them without a word.
    /// </remarks>
    /// <exception cref="StateException">The position is beyond the channel's committed tail, or before its start (DSL5005).</exception>
    public long ResumeAt(long position, string stateDirectory)
    {
        long tail = CommittedTail;
        if (position > tail)
        {
            throw new StateException(RuntimeErrors.InputChanged, Folder, stateDirectory, $"the checkpoint had read it up to address {position}, and it now ends at address {tail}: its log lost entries");
        }

        long begin = BeginAddress;
        if (position < begin)
        {
            throw new StateException(RuntimeErrors.InputChanged, Folder, stateDirectory, $"the job had read it up to address {position}, and retention has since dropped the entries before address {begin}");
        }

        return position;
    }

    /// <summary>When the tail was where, for retention.</summary>
    public RetentionClock Retention { get; } = new();

    /// <summary>The latest records appended, for previews.</summary>
    public RecentRecords Recent { get; }

    /// <summary>The address after the last committed entry: where a job that starts now begins.</summary>
    public long CommittedTail => _current.CommittedUntil;

    /// <summary>The oldest address still held.</summary>
    public long BeginAddress => _current.Log.BeginAddress;

    /// <summary>The log that writes go to and readers follow.</summary>
    internal LogGeneration Current => _current;

    /// <summary>Entries appended since the daemon started.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>
    /// Where a writer starts: reopens the log first if a write of it failed (the disk may have been
    /// mended since), and returns the generation to name to <see cref="CommitAsync(int, CancellationToken)"/>.
    /// </summary>
    /// <exception cref="ChannelFailedException">The failed log could not be reopened.</exception>
    public int BeginWrite()
    {
        LogGeneration current = _current;
        if (current.Failed)
        {
            Reopen(current);
        }

        return _current.Number;
    }

    /// <summary>Appends one entry; returns its address. Blocks briefly when the log's memory is full (back-pressure).</summary>
    /// <exception cref="ChannelFailedException">The log failed and its memory is full.</exception>
    public long Append(ReadOnlySpan<byte> entry)
    {
        long address;
        _swap.EnterReadLock();
        LogGeneration current = _current;
        try
        {
            address = current.Log.Enqueue(entry);
        }
        catch (CommitFailureException e)
        {
            // A failed log throws its failure once its memory is full.
            current.Fail();
            throw CommitFailed(e);
        }
        finally
        {
            _swap.ExitReadLock();
        }

        Interlocked.Increment(ref _appended);
        return address;
    }

    /// <summary>Appends a batch of entries with one enqueue. Blocks briefly when the log's memory is full (back-pressure).</summary>
    /// <exception cref="ChannelFailedException">The log failed and its memory is full.</exception>
    public void Append(EntryBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _swap.EnterReadLock();
        LogGeneration current = _current;
        try
        {
            current.Log.Enqueue(batch);
        }
        catch (CommitFailureException e)
        {
            current.Fail();
            throw CommitFailed(e);
        }
        finally
        {
            _swap.ExitReadLock();
        }

        Interlocked.Add(ref _appended, batch.Count);
    }

    /// <summary>
    /// Appends a batch (empty for input that added nothing) with the <paramref name="note"/> that
    /// describes the writer's input up to its end: a commit that stores the batch keeps the note,
    /// one that does not keeps the note before it (<see cref="ReadNote"/> after a restart). Blocks
    /// briefly when the log's memory is full (back-pressure).
    /// </summary>
    /// <exception cref="ChannelFailedException">The log failed and its memory is full.</exception>
    public void Append(EntryBatch batch, string note)
    {
        while (true)
        {
            _swap.EnterReadLock();
            LogGeneration current = _current;
            try
            {
                if (_notes.TryAppend(current.Log, batch, note))
                {
                    break;
                }
            }
            catch (CommitFailureException e)
            {
                current.Fail();
                throw CommitFailed(e);
            }
            finally
            {
                _swap.ExitReadLock();
            }

            // The log's memory is full until its pages are flushed, which needs no lock of ours.
            Thread.Yield();
        }

        Interlocked.Add(ref _appended, batch.Count);
    }

    /// <summary>
    /// The note of the latest batch appended with one, or after a restart the note of the last
    /// batch the log holds: null when there is none, or it was forgotten. A log that failed is
    /// reopened first, as for a write (<see cref="BeginWrite"/>): the batches appended after its
    /// last commit are lost, and their notes with them.
    /// </summary>
    /// <exception cref="ChannelFailedException">The failed log could not be reopened.</exception>
    public string? ReadNote()
    {
        BeginWrite();
        return _notes.Latest;
    }

    /// <summary>The input of the latest note is done with: no note from now on (once what was appended is committed).</summary>
    public void ForgetNote() => _notes.Forget();

    /// <summary>The address the next entry will have.</summary>
    public long TailAddress => _current.Log.TailAddress;

    /// <summary>Commits everything appended so far and blocks (without spinning) until it is durable.</summary>
    /// <exception cref="ChannelFailedException">The log could not be written (<see cref="CommitFailed"/>).</exception>
    public void Commit() => Commit(_current.Number);

    /// <summary>
    /// Commits what was appended since <see cref="BeginWrite"/> returned <paramref name="generation"/>
    /// and blocks (without spinning) until it is durable.
    /// </summary>
    /// <exception cref="ChannelFailedException">The log could not be written, or was reopened since (<see cref="CommitFailed"/>).</exception>
    public void Commit(int generation) => CommitAsync(generation).AsTask().GetAwaiter().GetResult();

    /// <summary>Commits everything appended so far and waits until it is durable.</summary>
    /// <exception cref="ChannelFailedException">The log could not be written (<see cref="CommitFailed"/>).</exception>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => CommitAsync(_current.Number, cancellationToken);

    /// <summary>
    /// Commits what was appended since <see cref="BeginWrite"/> returned <paramref name="generation"/>
    /// and waits until it is durable. A log reopened since lost what went into the one before.
    /// </summary>
    /// <exception cref="ChannelFailedException">The log could not be written, or was reopened since (<see cref="CommitFailed"/>).</exception>
    public async ValueTask CommitAsync(int generation, CancellationToken cancellationToken = default)
    {
        LogGeneration current = _current;
        if (current.Number != generation)
        {
            throw CommitFailed(null);
        }

        try
        {
            await current.Log.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CommitFailureException e)
        {
            current.Fail();
            throw CommitFailed(e);
        }
    }

    /// <summary>A reader from <paramref name="address"/> (up to <paramref name="end"/>) that sees committed entries only.</summary>
    public ChannelReader Read(long address, long end = long.MaxValue) => new(this, address, end);

    /// <summary>An iterator on the current log, counted as one of its readers.</summary>
    internal (LogGeneration Generation, FasterLogScanIterator Iterator) Open(long address, long end)
    {
        while (true)
        {
            LogGeneration current = _current;
            if (current.AddReader())
            {
                return (current, current.Log.Scan(Math.Max(address, current.Log.BeginAddress), end, scanUncommitted: false));
            }

            // Retired between reading the field and counting: the next one is current (or the channel closed).
            if (current == _current)
            {
                throw new ObjectDisposedException(Folder);
            }
        }
    }

    /// <summary>Drops entries before <paramref name="address"/> (retention).</summary>
    public void TruncateUntil(long address)
    {
        FasterLog log = _current.Log;
        if (address > log.BeginAddress)
        {
            log.TruncateUntil(address);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _committer.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        LogGeneration current = _current;
        try
        {
            current.Log.Commit(spinWait: true);
        }
        catch (CommitFailureException)
        {
            // The disk took no more (full, or failing): what the last commit leaves out was never
            // acknowledged, since an ingest answers only after its own commit; the log still closes.
        }

        current.Retire(closeNow: true);
        _swap.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Opens the log again on its files in place of <paramref name="failed"/>, once no append is
    /// under way and none of the failed log's writes or commit records can reach the files any
    /// more. The new log recovers the last commit recorded, which is at least where the failed
    /// one's readers are: they go on there. Entries appended after it were never acknowledged
    /// and are dropped.
    /// </summary>
    private void Reopen(LogGeneration failed)
    {
        _swap.EnterWriteLock();
        try
        {
            if (_current != failed)
            {
                return;
            }

            if (!failed.Device.Retire(DrainWait))
            {
                throw new ChannelFailedException($"the {Name} channel cannot reopen its log in {Folder}: writes of its failed log are still under way (the disk is failing)");
            }

            LogGeneration reopened;
            try
            {
                reopened = new LogGeneration(failed.Number + 1, Folder, _openDevice, _notes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FasterException)
            {
                throw new ChannelFailedException($"the {Name} channel cannot reopen its log in {Folder}: {e.Message}", e);
            }

            // Readers of the failed log read up to its limit at most: they go on from there. The
            // reopened log may hold more (a flush under way when it failed, committed then).
            long committed = failed.ReadLimit;
            if (reopened.Log.CommittedUntilAddress < committed)
            {
                // Its readers may be past where it now ends: they would miss what follows.
                reopened.Retire(closeNow: true);
                throw new ChannelFailedException($"the {Name} channel cannot reopen its log in {Folder}: it had committed up to address {committed}, and it now ends at address {reopened.Log.CommittedUntilAddress}");
            }

            // Batches appended to the failed log after its last commit are lost, and their notes with them.
            _notes.Recover(reopened.Log.CommittedUntilAddress);
            _current = reopened;
        }
        finally
        {
            _swap.ExitWriteLock();
        }

        failed.Retire(closeNow: false);
    }

    /// <summary>
    /// Fills the preview ring with the last records of the log, so that a preview right after a
    /// restart sees the records from before it. A FasterLog reads forwards only, but an entry never
    /// spans a page, so a page start is where an entry starts: reading from the page that holds the
    /// address as many bytes before the tail as the ring holds reads at most one page (4 MiB) more
    /// than the ring keeps, however long the log is.
    /// </summary>
    private void SeedRecent()
    {
        long tail = CommittedTail;
        long pageOfFirst = Math.Max(0, tail - Recent.ByteCapacity) >> LogGeneration.PageSizeBits << LogGeneration.PageSizeBits;
        using ChannelReader reader = Read(pageOfFirst, tail);
        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
        {
            ReadOnlySpan<byte> read = entry.AsSpan(0, length);
            ReadOnlySpan<byte> origin = ChannelEntry.Origin(read);
            Recent.Add(ChannelEntry.Line(read), origin.IsEmpty ? null : Encoding.UTF8.GetString(origin));
        }
    }

    /// <summary>
    /// FASTER reports a failed write of its log as a failed commit with an error code of no meaning
    /// to a user (the system's reason does not reach it); the likely causes are named instead.
    /// </summary>
    private ChannelFailedException CommitFailed(CommitFailureException? e) =>
        new($"the {Name} channel cannot write its log in {Folder} (the disk is full or failing); records since its last commit may not be stored", e);

    private async Task CommitLoopAsync()
    {
        // Readers see only committed entries, so committing often keeps jobs close to the tail.
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_commitEvery, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            LogGeneration current = _current;
            if (!current.Failed && current.Log.TailAddress > current.Log.CommittedUntilAddress)
            {
                try
                {
                    current.Log.Commit(spinWait: false);
                }
                catch (CommitFailureException)
                {
                    // An earlier commit failed (FASTER throws its error from then on): the log
                    // waits for the next write to reopen it, and its readers for that.
                    current.Fail();
                }
            }
        }
    }
}
