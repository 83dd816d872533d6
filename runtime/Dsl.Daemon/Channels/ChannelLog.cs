using System.Text;
using Dsl.Runtime.Hosting;
using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// One channel (realtime or offline): a FasterLog on disk. Each entry is one record line with
/// its origin (<see cref="ChannelEntry"/>). Entries become visible to readers once committed; a
/// background loop commits every few milliseconds, and writers that promise durability (ingest
/// responses) wait for their own commit.
/// </summary>
public sealed class ChannelLog : IDisposable
{
    private const int PageSizeBits = 22;

    private readonly IDevice _device;
    private readonly FasterLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _committer;
    private readonly TimeSpan _commitEvery;
    private long _appended;

    /// <summary>
    /// Opens (recovering the last commit) or creates the log in <paramref name="directory"/>; the
    /// background loop commits every <paramref name="commitEvery"/> (5 ms unless given).
    /// </summary>
    public ChannelLog(string name, string directory, TimeSpan? commitEvery = null)
    {
        _commitEvery = commitEvery ?? TimeSpan.FromMilliseconds(5);
        Name = name;
        Folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        _device = Devices.CreateLogDevice(Path.Combine(directory, "log"), preallocateFile: false);
        _log = new FasterLog(new FasterLogSettings
        {
            LogDevice = _device,
            LogCommitDir = Path.Combine(directory, "commits"),
            PageSizeBits = PageSizeBits,
            MemorySizeBits = 26,
            SegmentSizeBits = 28,
            AutoRefreshSafeTailAddress = true,
        });
        Recent = new RecentRecords(10_000);
        SeedRecent();
        _committer = Task.Run(CommitLoopAsync);
    }

    /// <summary><c>realtime</c> or <c>offline</c>.</summary>
    public string Name { get; }

    /// <summary>The folder of its files.</summary>
    public string Folder { get; }

    /// <summary>
    /// Where a job resumed from a checkpoint continues: the checkpoint's position. Entries are read
    /// only once committed, so a position beyond the committed tail means the channel lost entries
    /// since (its commit record damaged or deleted, an older copy put back): it would append new
    /// records below the position, and the job would never read them, so it must not go on.
    /// </summary>
    /// <exception cref="StateException">The position is beyond the channel's committed tail (DSL5005).</exception>
    public long ResumeAt(long position, string stateDirectory)
    {
        long tail = CommittedTail;
        if (position > tail)
        {
            throw new StateException(RuntimeErrors.InputChanged, Folder, stateDirectory, $"the checkpoint had read it up to address {position}, and it now ends at address {tail}: its log lost entries");
        }

        return position;
    }

    /// <summary>When the tail was where, for retention.</summary>
    public RetentionClock Retention { get; } = new();

    /// <summary>The latest records appended, for previews.</summary>
    public RecentRecords Recent { get; }

    /// <summary>The address after the last committed entry: where a job that starts now begins.</summary>
    public long CommittedTail => _log.CommittedUntilAddress;

    /// <summary>The oldest address still held.</summary>
    public long BeginAddress => _log.BeginAddress;

    /// <summary>Entries appended since the daemon started.</summary>
    public long Appended => Interlocked.Read(ref _appended);

    /// <summary>Appends one entry; returns its address. Blocks briefly when the log's memory is full (back-pressure).</summary>
    public long Append(ReadOnlySpan<byte> entry)
    {
        long address = _log.Enqueue(entry);
        Interlocked.Increment(ref _appended);
        return address;
    }

    /// <summary>Appends a batch of entries with one enqueue. Blocks briefly when the log's memory is full (back-pressure).</summary>
    public void Append(EntryBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _log.Enqueue(batch);
        Interlocked.Add(ref _appended, batch.Count);
    }

    /// <summary>The address the next entry will have.</summary>
    public long TailAddress => _log.TailAddress;

    /// <summary>Commits everything appended so far and blocks (without spinning) until it is durable.</summary>
    /// <exception cref="IOException">The log could not be written (<see cref="CommitFailed"/>).</exception>
    public void Commit() => CommitAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Commits everything appended so far and waits until it is durable.</summary>
    /// <exception cref="IOException">The log could not be written (<see cref="CommitFailed"/>).</exception>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _log.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CommitFailureException e)
        {
            throw CommitFailed(e);
        }
    }

    /// <summary>A reader from <paramref name="address"/> (up to <paramref name="end"/>) that sees committed entries only.</summary>
    public FasterLogScanIterator Read(long address, long end = long.MaxValue) =>
        _log.Scan(Math.Max(address, _log.BeginAddress), end, scanUncommitted: false);

    /// <summary>Drops entries before <paramref name="address"/> (retention).</summary>
    public void TruncateUntil(long address)
    {
        if (address > _log.BeginAddress)
        {
            _log.TruncateUntil(address);
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
            // The loop ends by cancellation; a failed final commit is logged by the caller's last commit.
        }

        try
        {
            _log.Commit(spinWait: true);
        }
        catch (CommitFailureException)
        {
            // The disk took no more (full, or failing): what the last commit leaves out was never
            // acknowledged, since an ingest answers only after its own commit; the log still closes.
        }

        _log.Dispose();
        _device.Dispose();
        _stop.Dispose();
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
        long tail = _log.CommittedUntilAddress;
        long pageOfFirst = Math.Max(0, tail - Recent.ByteCapacity) >> PageSizeBits << PageSizeBits;
        using FasterLogScanIterator reader = Read(pageOfFirst, tail);
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
    private IOException CommitFailed(CommitFailureException e) =>
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

            if (_log.TailAddress > _log.CommittedUntilAddress)
            {
                _log.Commit(spinWait: false);
            }
        }
    }
}
