using System.Diagnostics;
using System.Globalization;

namespace Dsl.Releases.Repository;

/// <summary>
/// What a data directory says of the daemon serving it: <c>DATA/daemon.pid</c>, the process id of
/// the daemon that holds the directory's lock <c>DATA/daemon.lock</c> (written when it takes the lock, removed when it stops), and
/// <c>DATA/release.deployed</c>, the release commit it deployed last. The release hooks read them
/// to tell a pusher when the daemon has deployed the release.
/// </summary>
public static class ServingDaemon
{
    public const string LockFileName = "daemon.lock";
    public const string PidFileName = "daemon.pid";
    public const string DeployedFileName = "release.deployed";

    /// <summary>
    /// The process named by the pid file while a daemon holds <see cref="LockFileName"/>, "starting"
    /// while the file is being written, or null: no daemon serves the directory (none started, or
    /// it stopped or died). The lock is asked too because a pid file a killed daemon left behind
    /// may name a process that took its number since.
    /// </summary>
    public static string? Of(string dataDirectory)
    {
        if (!IsLocked(dataDirectory))
        {
            return null;
        }

        try
        {
            string text = File.ReadAllText(Path.Combine(dataDirectory, PidFileName)).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                // Being written by a daemon that has just taken the lock.
                return "starting";
            }

            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a process holds the daemon's lock: taking it (and letting it go at once) fails then.
    /// A daemon starting at that moment retries (see DataDirectoryLock).
    /// </summary>
    private static bool IsLocked(string dataDirectory)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(dataDirectory, LockFileName), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to open: only the pid can tell.
            return true;
        }
    }

    /// <summary>Records that the daemon has deployed <paramref name="commit"/> (replacing the file whole, so a reader never sees half).</summary>
    public static void Deployed(string dataDirectory, string commit)
    {
        string path = Path.Combine(dataDirectory, DeployedFileName);
        File.WriteAllText(path + ".tmp", commit);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>The release commit the daemon deployed last, or null.</summary>
    public static string? LastDeployed(string dataDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dataDirectory, DeployedFileName)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until a daemon serving the directory has deployed <paramref name="commit"/>, or a later
    /// release that contains it (a push right after this one, which the daemon found first): true
    /// when it has, false when <paramref name="patience"/> ran out first (a daemon busy elsewhere),
    /// null when no daemon serves the directory (one deploys the release when it starts).
    /// </summary>
    public static bool? AwaitDeployed(string dataDirectory, string gitDirectory, string commit, TimeSpan patience)
    {
        var waited = Stopwatch.StartNew();
        string? seen = null;
        while (Of(dataDirectory) is not null)
        {
            // Git is asked once per commit the daemon records, not on every look.
            if (LastDeployed(dataDirectory) is { } last && last != seen)
            {
                seen = last;
                if (last == commit || Contains(gitDirectory, last, commit))
                {
                    return true;
                }
            }

            if (waited.Elapsed >= patience)
            {
                return false;
            }

            Thread.Sleep(100);
        }

        return null;
    }

    private static bool Contains(string gitDirectory, string release, string commit) =>
        ReleaseRepository.IsInHistoryOf(gitDirectory, commit, release);
}
