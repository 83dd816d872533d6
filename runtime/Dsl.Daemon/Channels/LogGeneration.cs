using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// One opening of a channel's FasterLog. A FasterLog whose write failed takes no commit again, so
/// the channel opens a new generation on the same files (recovering the last commit) and retires
/// this one. Readers still on it finish where they are and follow (<see cref="ChannelReader"/>);
/// it closes when the last of them has left, or when the channel closes.
/// </summary>
internal sealed class LogGeneration
{
    /// <summary>Bits of an address within its page (4 MiB): an entry never spans a page.</summary>
    public const int PageSizeBits = 22;

    // Never disposed: it has no timer, and a reader may still link to it after the log closed.
    private readonly CancellationTokenSource _failing = new();
    private readonly TaskCompletionSource _retired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly GatedCommitManager _commits;
    private volatile bool _failed;
    private long _readLimit = long.MaxValue;
    private int _readers;
    private bool _closed;

    /// <summary>
    /// Opens (recovering the last commit) or creates the log in <paramref name="directory"/>, its
    /// segments on the device <paramref name="openDevice"/> opens for their path's base, its
    /// commits in step with the channel's <paramref name="notes"/>.
    /// </summary>
    public LogGeneration(int number, string directory, Func<string, IDevice> openDevice, CommitNotes notes)
    {
        Number = number;
        Device = new RetirableLogDevice(openDevice(Path.Combine(directory, "log")));
        _commits = new GatedCommitManager(Path.Combine(directory, "commits"), notes);
        try
        {
            Log = new FasterLog(new FasterLogSettings
            {
                LogDevice = Device,
                LogCommitManager = _commits,
                PageSizeBits = PageSizeBits,
                MemorySizeBits = 26,
                SegmentSizeBits = 28,
                AutoRefreshSafeTailAddress = true,
            });
        }
        catch
        {
            _commits.Dispose();
            Device.Dispose();
            throw;
        }
    }

    /// <summary>Counts the generations of a channel since the daemon started.</summary>
    public int Number { get; }

    public RetirableLogDevice Device { get; }

    public FasterLog Log { get; }

    /// <summary>A write of the log failed: it commits nothing any more.</summary>
    public bool Failed => _failed;

    /// <summary>Cancelled when the log fails, so that readers waiting for its commits stop waiting.</summary>
    public CancellationToken Failing => _failing.Token;

    /// <summary>Completes when a new generation replaced this one, or the channel closed.</summary>
    public Task Retired => _retired.Task;

    /// <summary>
    /// Where readers of this log stop: what was committed when it failed (it may still commit a
    /// flush that was under way, but records no more, so a reopening does not recover that).
    /// </summary>
    public long ReadLimit => Volatile.Read(ref _readLimit);

    /// <summary>The address after the last committed entry, as far as readers go.</summary>
    public long CommittedUntil => Math.Min(Log.CommittedUntilAddress, ReadLimit);

    /// <summary>Notes that a write of the log failed (FASTER's commit said so).</summary>
    public void Fail()
    {
        lock (_gate)
        {
            if (_failed)
            {
                return;
            }

            // Set while the gate closes, before a commit can pass it unrecorded: no reader reads that.
            _commits.Close(() => Volatile.Write(ref _readLimit, Log.CommittedUntilAddress));
            _failed = true;
        }

        _failing.Cancel();
    }

    /// <summary>Counts a reader; false once retired (the reader takes the channel's current generation instead).</summary>
    public bool AddReader()
    {
        lock (_gate)
        {
            if (_retired.Task.IsCompleted)
            {
                return false;
            }

            _readers++;
            return true;
        }
    }

    /// <summary>A reader let go of its iterator: the last one closes a retired generation.</summary>
    public void RemoveReader()
    {
        lock (_gate)
        {
            _readers--;
            if (_readers == 0 && _retired.Task.IsCompleted)
            {
                Close();
            }
        }
    }

    /// <summary>
    /// Replaced (or the channel closes): readers move on, and the log closes once none reads it,
    /// at once when <paramref name="closeNow"/> (the channel closes).
    /// </summary>
    public void Retire(bool closeNow)
    {
        lock (_gate)
        {
            _retired.TrySetResult();
            if (_readers == 0 || closeNow)
            {
                Close();
            }
        }
    }

    private void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        Log.Dispose();
        _commits.Dispose();
        Device.Dispose();
    }
}
