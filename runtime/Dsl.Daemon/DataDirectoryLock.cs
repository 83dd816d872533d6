using System.Globalization;
using Dsl.Releases.Repository;

namespace Dsl.Daemon;

/// <summary>
/// One daemon per data directory: an exclusive lock on <c>DATA/daemon.lock</c>, held while the
/// daemon runs and released by the system when its process ends, however it ends. A second daemon
/// on the same directory would open the same channels and find every job's state in use, and
/// record them as failed.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private DataDirectoryLock(FileStream @lock, string pidFile)
    {
        _lock = @lock;
        _pidFile = pidFile;
    }

    /// <summary>Takes the lock, or throws <see cref="InvalidOperationException"/> naming the process that holds it.</summary>
    public static DataDirectoryLock Acquire(string root)
    {
        string pidFile = Path.Combine(root, ServingDaemon.PidFileName);
        FileStream held;
        try
        {
            held = Take(Path.Combine(root, ServingDaemon.LockFileName));
        }
        catch (IOException e) when (ServingDaemon.Of(root) is { } holder)
        {
            throw new InvalidOperationException($"the data directory {root} is in use by another dsl serve (process {holder}); stop it first or give another --data", e);
        }

        File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLock(held, pidFile);
    }

    /// <summary>
    /// FileShare.None is an exclusive flock on Unix: the system drops it when the process dies. A
    /// push's hook takes it for an instant to learn whether a daemon holds it (ServingDaemon.Of),
    /// so a failure is tried again a few times before it means another daemon.
    /// </summary>
    private static FileStream Take(string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Releases the lock, and first the pid file: a push then knows that no daemon will deploy it now.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A pid file left behind names a process that is gone: read as no daemon.
        }

        _lock.Dispose();
    }
}
