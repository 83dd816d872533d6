using System.Text;
using Dsl.Control.Security;
using Dsl.Releases.Git;
using Dsl.Releases.Repository;

namespace Dsl.Releases.Workspaces;

public sealed partial class Workspace
{
    /// <summary>
    /// The daemon's repository: <paramref name="option"/> (<c>--remote</c>), else the git URL of
    /// <paramref name="server"/> (<c>--server</c>), else DSL_RELEASE_REMOTE, else the workspace's
    /// git remote <c>daemon</c>, else the one git remote that is a daemon's repository (the
    /// <c>origin</c> of a <c>git clone</c> of it), else the git URL of DSL_SERVER or the default local daemon.
    /// </summary>
    /// <exception cref="ServerAddressException">The server is not an http:// or https:// address.</exception>
    public string Remote(string? option, string? server = null)
    {
        if (!string.IsNullOrEmpty(option))
            return NormalizeRemote(option);
        if (!string.IsNullOrEmpty(server))
            return GitUrl(ClientConnection.ParseServer(server));
        if (Environment.GetEnvironmentVariable(RemoteVariable) is { Length: > 0 } fromEnvironment)
            return NormalizeRemote(fromEnvironment);
        var configured = GitRunner.Run(Root, ["remote", "get-url", RemoteName]);
        if (configured.Success)
            return configured.Output.Trim();
        return ClonedRemote() ?? GitUrl(ClientConnection.Server(null));
    }

    /// <summary>
    /// The URL of the workspace's one git remote that is a daemon's repository, or null when none or
    /// several are. A <c>git clone</c> of the daemon's repository names its remote <c>origin</c>, not
    /// <c>daemon</c>; a remote elsewhere (a team's shared host) is never taken for the daemon, where
    /// a release would land on a branch nobody deploys.
    /// </summary>
    private string? ClonedRemote()
    {
        var daemons = GitRunner.Check(Root, ["remote"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => GitRunner.Run(Root, ["remote", "get-url", name]))
            .Where(url => url.Success)
            .Select(url => DaemonRepository(url.Output.Trim(), Root))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return daemons.Count == 1 ? daemons[0] : null;
    }

    /// <summary>
    /// The remote as the commands use it when it is a daemon's repository, else null: over HTTP a URL
    /// of <c>/git/jobs.git</c>, where the daemon serves it; over a path a repository whose hooks run
    /// <c>dsl release-hook</c>, made absolute (git reads a relative one from the workspace's root).
    /// </summary>
    private static string? DaemonRepository(string remote, string root)
    {
        if (IsHttp(remote))
            return Uri.TryCreate(remote, UriKind.Absolute, out var uri) && IsDaemonPath(uri) ? remote : null;
        if (remote.StartsWith("file://", StringComparison.Ordinal))
            return Uri.TryCreate(remote, UriKind.Absolute, out var file) && ReleaseRepository.HasReleaseHooks(file.LocalPath) ? remote : null;
        if (remote.Contains("://", StringComparison.Ordinal))
            return null;
        var path = Path.GetFullPath(remote, root);
        return ReleaseRepository.HasReleaseHooks(path) ? path : null;
    }

    private static bool IsDaemonPath(Uri remote) => remote.AbsolutePath.TrimEnd('/') == "/git/jobs.git";

    /// <summary>
    /// The repository URL of a daemon given by its gRPC address: over cleartext git speaks
    /// HTTP/1.1, which the daemon serves on the next port; over TLS the daemon's one port serves
    /// both (docs/releases.md).
    /// </summary>
    public static string GitUrl(Uri address)
    {
        int port = address.Scheme == Uri.UriSchemeHttps ? address.Port : address.Port + 1;
        return new UriBuilder(address.Scheme, address.Host, port, "/git/jobs.git").Uri.ToString();
    }

    /// <summary>
    /// The gRPC address of the daemon that serves an HTTP remote, the inverse of <see cref="GitUrl"/>:
    /// <c>http://HOST:PORT/git/jobs.git</c> is the daemon at <c>http://HOST:PORT-1</c> (git reaches
    /// the HTTP/1.1 port after the gRPC one), <c>https://HOST:PORT/git/jobs.git</c> the one at
    /// <c>https://HOST:PORT</c>, so that the Releases rpcs reach the daemon the remote belongs to.
    /// </summary>
    /// <exception cref="WorkspaceException">The remote is not a daemon's repository URL.</exception>
    public static string ServerOf(string remote)
    {
        if (!IsHttp(remote) || !Uri.TryCreate(remote, UriKind.Absolute, out var uri))
            throw new WorkspaceException($"'{remote}' is not a daemon's repository URL (http://HOST:PORT/git/jobs.git).");
        // Without the token a URL may carry (http://dsl:TOKEN@HOST…): the message is printed.
        var shown = Shown(remote);
        if (!IsDaemonPath(uri))
            throw new WorkspaceException($"cannot tell the daemon's address from the remote {shown} (a daemon serves its repository at /git/jobs.git): pass --server.");
        var port = uri.Scheme == Uri.UriSchemeHttps ? uri.Port : uri.Port - 1;
        return new UriBuilder(uri.Scheme, uri.Host, port).Uri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>
    /// The token an HTTP remote carries as its password (<c>http://dsl:TOKEN@HOST:PORT/git/jobs.git</c>,
    /// as plain git takes it, and as a clone made that way keeps it), or null.
    /// </summary>
    public static string? UrlToken(string remote) =>
        IsHttp(remote) && Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.UserInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            && Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]) is { Length: > 0 } token
            ? token
            : null;

    /// <summary>
    /// A remote as a message prints it: an HTTP URL without the credentials it may carry, and the
    /// built-in default said to be one, since a user who named no daemon does not know the address.
    /// </summary>
    public static string Shown(string remote)
    {
        string shown = IsHttp(remote) && Uri.TryCreate(remote, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : remote;
        bool builtIn = string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ClientConnection.ServerVariable))
            && shown == GitUrl(ClientConnection.Server(null, _ => null));
        return builtIn ? $"{shown} (the default: name the daemon with --server, DSL_SERVER or a git remote '{RemoteName}')" : shown;
    }

    /// <summary>True for a remote reached over HTTP rather than a path.</summary>
    public static bool IsHttp(string remote) =>
        remote.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || remote.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// git options that authenticate to the daemon over HTTP: Basic with the token as password,
    /// sent up front. Passed as a <c>-c</c> argument, so the token is never stored in the workspace.
    /// </summary>
    public static IReadOnlyList<string> Authentication(string remote, string? token)
    {
        if (!IsHttp(remote) || string.IsNullOrEmpty(token))
            return [];
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("dsl:" + token));
        return ["-c", $"http.extraHeader=Authorization: Basic {basic}"];
    }

    /// <summary>
    /// git's trust for an https:// daemon: the CA file of <c>--ca</c> or <c>DSL_CA</c> as its CA
    /// bundle, through <c>GIT_SSL_CAINFO</c> (which git prefers to any configuration); null, git's
    /// own, otherwise. The file names the daemon's root, so it replaces the system's bundle.
    /// </summary>
    public static IReadOnlyDictionary<string, string?>? Trust(string remote, string? caFile)
    {
        if (!remote.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || ClientConnection.CaFile(caFile) is not { } ca)
            return null;
        return new Dictionary<string, string?> { ["GIT_SSL_CAINFO"] = Path.GetFullPath(ca) };
    }

    /// <summary><c>dsl release</c>: pushes HEAD to the daemon's <c>release</c> branch; git's output is returned as is.</summary>
    public GitResult Release(string remote, string? token, bool restart, string? caFile = null)
    {
        // git would say only "src refspec HEAD does not match any".
        if (!GitRunner.Run(Root, ["rev-parse", "--verify", "--quiet", "HEAD"]).Success)
            throw new WorkspaceException("nothing to release: the workspace has no commit yet; save the jobs first with 'dsl save -m MESSAGE'.");
        // --no-follow-tags: with the user's push.followTags, git would also push the workspace's own
        // annotated tags, and the daemon refuses a push of anything but release, the release with it.
        // --no-signed: with push.gpgSign, git would stop at a daemon that takes no signed pushes.
        var arguments = new List<string>(Authentication(remote, token)) { "push", "--no-follow-tags", "--no-signed" };
        if (restart)
            arguments.AddRange(["-o", "restart"]);
        arguments.AddRange([remote, "HEAD:" + JobPaths.ReleaseRef]);
        var result = GitRunner.Run(Root, arguments, environment: Trust(remote, caFile));
        if (result.Success)
            Fetch(remote, token, caFile);
        return result;
    }

    /// <summary>Fetches the online versions and the release tags; false (with git's words) when the remote cannot be read.</summary>
    public GitResult Fetch(string remote, string? token, string? caFile = null)
    {
        const string tags = "+refs/tags/*:refs/tags/*";
        var fetched = FetchRefs(remote, token, caFile, [$"+{JobPaths.ReleaseRef}:{FetchedReleaseRef}", tags]);
        // Before the first release there is no release branch to fetch: that is no failure.
        return !fetched.Success && fetched.Error.Contains("couldn't find remote ref", StringComparison.Ordinal)
            ? FetchRefs(remote, token, caFile, [tags])
            : fetched;
    }

    // --no-prune: with the user's fetch.prune, git would delete every local tag the daemon lacks
    // (a tag on the command line's refspec is pruned like a branch).
    private GitResult FetchRefs(string remote, string? token, string? caFile, IReadOnlyList<string> refspecs) =>
        GitRunner.Run(Root, [.. Authentication(remote, token), "fetch", "--quiet", "--no-write-fetch-head", "--no-prune", remote, .. refspecs], environment: Trust(remote, caFile));

    /// <summary><c>dsl revert</c>: writes the online version of a job into the workspace and returns its path.</summary>
    public string Revert(string job, string remote, string? token)
    {
        JobPaths.Validate(job);
        var fetched = Fetch(remote, token);
        if (!fetched.Success)
            throw new WorkspaceException("cannot read the daemon's repository: " + fetched.Combined);
        return WriteOnline(job);
    }

    /// <summary>Writes the job's file on the release branch as last fetched into the workspace and returns its path.</summary>
    public string WriteOnline(string job)
    {
        JobPaths.Validate(job);
        var text = ReleaseHistory.Source(Root, FetchedReleaseRef, job)
            ?? throw new WorkspaceException($"job '{job}' is not online (it is not on the daemon's release branch).");
        var file = JobFile(job);
        WriteSource(file, text);
        return file;
    }

    /// <summary>
    /// The files the online version of a job imports that differ in the workspace (or are missing),
    /// as repository paths. <see cref="WriteOnline"/> leaves them alone, since other jobs may import
    /// them too; until they are restored as well, the job compiles (and would be released) with them.
    /// </summary>
    public IReadOnlyList<string> ImportsNotOnline(string job)
    {
        var online = TreeSnapshot.Read(Root, FetchedReleaseRef, Root);
        if (online.Text(JobPaths.JobPath(job)) is null)
            return [];
        return [.. online.Compile(job).ImportedTrees
            .Select(tree => online.RepositoryPath(tree.Source.Path))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(path => !File.Exists(Path.Combine(Root, path)) || File.ReadAllText(Path.Combine(Root, path)) != online.Text(path))
            .Order(StringComparer.Ordinal)];
    }
}
