using Dsl.Releases.Hooks;
using Dsl.Releases.Locks;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Workspaces;

public sealed partial class Workspace
{
    /// <summary>Who takes locks over a path: DSL_USER, else the login name (over HTTP it is the token's name).</summary>
    public static string LocalUser =>
        Environment.GetEnvironmentVariable(HookEnvironment.UserVariable) is { Length: > 0 } user ? user : Environment.UserName;

    /// <summary>
    /// <c>dsl lock</c> on a daemon reached by path: writes the lock the pre-receive hook reads. As
    /// over HTTP, only a job released at least once can be locked.
    /// </summary>
    public static JobLock LockAtPath(string remote, string job, bool hard)
    {
        var repository = LocalRepository(remote);
        if (ReleaseHistory.Tags(repository, job).Count == 0)
            throw new WorkspaceException($"job '{job}' has never been released.");
        try
        {
            return new LockStore(repository).Lock(job, LocalUser, hard, DateTimeOffset.UtcNow);
        }
        catch (LockFileException e)
        {
            throw new WorkspaceException(e.Message);
        }
    }

    /// <summary><c>dsl unlock</c> on a daemon reached by path.</summary>
    public static bool UnlockAtPath(string remote, string job, bool force)
    {
        try
        {
            return new LockStore(LocalRepository(remote)).Unlock(job, LocalUser, force);
        }
        catch (LockConflictException e)
        {
            // As the Unlock rpc says it over HTTP.
            throw new WorkspaceException(e.Message + LockConflictException.ForceAdvice);
        }
        catch (LockFileException e)
        {
            throw new WorkspaceException(e.Message);
        }
    }

    private static string LocalRepository(string remote)
    {
        var path = remote.StartsWith("file://", StringComparison.Ordinal) ? new Uri(remote).LocalPath : remote;
        if (!File.Exists(Path.Combine(path, "HEAD")))
            throw new WorkspaceException($"{remote} is not the daemon's repository (DATA/jobs.git).");
        return path;
    }
}
