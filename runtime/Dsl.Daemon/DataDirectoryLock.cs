using System.Globalization;

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

    private DataDirectoryLock(FileStream @lock) => _lock = @lock;

    /// <summary>Takes the lock, or throws <see cref="InvalidOperationException"/> naming the process that holds it.</summary>
    public static DataDirectoryLock Acquire(string root)
    {
        string pidFile = Path.Combine(root, "daemon.pid");
        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock on Unix: the system drops it when the process dies.
            held = new FileStream(Path.Combine(root, "daemon.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HolderOf(pidFile) is { } holder)
        {
            throw new InvalidOperationException($"the data directory {root} is in use by another dsl serve (process {holder}); stop it first or give another --data", e);
        }

        File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new DataDirectoryLock(held);
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// The process named by the pid file when it is alive: the lock is then that daemon's. Any other
    /// failure to open the lock file (a read-only or failing disk) is reported as it is.
    /// </summary>
    private static string? HolderOf(string pidFile)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                // Being written by a daemon that has just taken the lock.
                return "starting";
            }

            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : pid.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
