using FASTER.core;

namespace Dsl.Daemon.Channels;

/// <summary>
/// The commit records of one opening of a channel's log (<see cref="LogGeneration"/>), with a
/// gate closed when the log fails. A failed FasterLog may still complete a flush that was under
/// way and commit it; written after the channel reopened the log on the same files, that record
/// would number itself among the new log's and remove theirs. Once closed, no record is written
/// (nor a note), and the log's readers stop at what was committed when the gate closed.
/// </summary>
internal sealed class GatedCommitManager : ILogCommitManager
{
    private readonly DeviceLogCommitCheckpointManager _inner;
    private readonly CommitNotes _notes;
    private readonly Lock _gate = new();
    private bool _closed;

    /// <summary>
    /// The records in <paramref name="directory"/>, as FasterLog keeps them by default, each
    /// preceded by the note of the last batch it covers (<see cref="CommitNotes"/>).
    /// </summary>
    public GatedCommitManager(string directory, CommitNotes notes)
    {
        _inner = new DeviceLogCommitCheckpointManager(new LocalStorageNamedDeviceFactory(), new DefaultCheckpointNamingScheme(directory));
        _notes = notes;
    }

    /// <summary>
    /// Writes no record from now on, once the one being written (if any) is done, and runs
    /// <paramref name="closing"/> before any further commit reaches the gate.
    /// </summary>
    public void Close(Action closing)
    {
        lock (_gate)
        {
            _closed = true;
            closing();
        }
    }

    public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _notes.BeforeCommit(untilAddress);
                _inner.Commit(beginAddress, untilAddress, commitMetadata, commitNum, forceWriteMetadata);
                _notes.AfterCommit(untilAddress);
            }
        }
    }

    public byte[] GetCommitMetadata(long commitNum) => _inner.GetCommitMetadata(commitNum);

    public IEnumerable<long> ListCommits() => _inner.ListCommits();

    public void RemoveCommit(long commitNum)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _inner.RemoveCommit(commitNum);
            }
        }
    }

    public void RemoveAllCommits()
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _inner.RemoveAllCommits();
            }
        }
    }

    public void OnRecovery(long commitNum) => _inner.OnRecovery(commitNum);

    public void Dispose() => _inner.Dispose();
}
