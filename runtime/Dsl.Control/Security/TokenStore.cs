using System.Text.RegularExpressions;
using Dsl.Control.V1;
using Microsoft.Extensions.Logging;

namespace Dsl.Control.Security;

/// <summary>
/// The daemon's bearer tokens, kept in <c>DATA/config.json</c> as salted SHA-256 hashes with a
/// name, a role and a creation time. It authenticates calls (re-reading the file when another
/// process, such as <c>dsl token create</c>, changed it) and creates and revokes tokens. A file
/// that cannot be read or is not valid admits nobody until it is fixed, and the log says why.
/// </summary>
public sealed partial class TokenStore : ICallAuthenticator
{
    /// <summary>The configuration file's name inside the data directory.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>The file the first-start admin token is written to.</summary>
    public const string AdminTokenFileName = "admin.token";

    /// <summary>The name of the token created on first start.</summary>
    public const string BootstrapTokenName = "admin";

    private static readonly TimeSpan _lockWait = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly ILogger? _log;
    private readonly object _snapshotLock = new();
    private Snapshot _snapshot = new(default, -1, []);

    // What was last found wrong with the file (logged once), until it reads well again.
    private volatile string? _problem;

    /// <summary>Opens the store of a data directory; nothing is read or written until used.</summary>
    /// <param name="dataDirectory">The daemon's data directory (<c>DATA</c>).</param>
    /// <param name="time">The clock for creation times; the system clock by default.</param>
    /// <param name="log">Where a configuration that admits nobody is reported (the daemon's log).</param>
    public TokenStore(string dataDirectory, TimeProvider? time = null, ILogger? log = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _time = time ?? TimeProvider.System;
        _log = log;
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary><c>DATA/config.json</c>.</summary>
    public string ConfigPath => Path.Combine(DataDirectory, ConfigFileName);

    /// <summary><c>DATA/admin.token</c>.</summary>
    public string AdminTokenPath => Path.Combine(DataDirectory, AdminTokenFileName);

    /// <summary>
    /// On first start (no token at all), creates the admin token <c>admin</c> and writes its
    /// secret to <c>DATA/admin.token</c> with mode 0600. Does nothing when tokens exist.
    /// </summary>
    public BootstrapResult EnsureAdminToken()
    {
        bool created = Update(tokens =>
        {
            if (tokens.Count > 0)
            {
                return null;
            }

            var issued = Issue(BootstrapTokenName, Role.Admin, out var stored);
            PrivateFile.WriteAllText(AdminTokenPath, issued.Secret + "\n");
            return [stored];
        });
        return new BootstrapResult(created, AdminTokenPath);
    }

    /// <summary>
    /// Creates a token named after its role and a number (<c>operator-1</c>, <c>operator-2</c>, …),
    /// for <c>dsl token create --role ROLE</c> without a name; the secret is returned once.
    /// </summary>
    public IssuedToken Create(Role role)
    {
        var taken = List().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        for (int n = 1; ; n++)
        {
            var name = $"{Roles.Name(role)}-{n}";
            if (taken.Contains(name))
            {
                continue;
            }

            try
            {
                return Create(name, role);
            }
            catch (InvalidOperationException) when (n < 1000)
            {
                // Another process took the name between listing and creating; try the next one.
            }
        }
    }

    /// <summary>Why <paramref name="name"/> cannot name a token, or null when it can.</summary>
    public static string? NameProblem(string name) => ValidName().IsMatch(name)
        ? null
        : $"'{name}' is not a token name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    /// <summary>Creates a token (<c>dsl token create --role ROLE</c>); the secret is returned once.</summary>
    /// <exception cref="ArgumentException">The name is not 1–64 letters, digits, '.', '_' or '-', or the role is unspecified.</exception>
    /// <exception cref="InvalidOperationException">A token with that name exists.</exception>
    public IssuedToken Create(string name, Role role)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        if (role == Role.Unspecified)
        {
            throw new ArgumentException("A token needs a role: viewer, operator or admin.", nameof(role));
        }

        IssuedToken? issued = null;
        Update(tokens =>
        {
            if (tokens.Any(t => t.Name == name))
            {
                throw new InvalidOperationException($"A token named '{name}' exists; revoke it first or pick another name.");
            }

            issued = Issue(name, role, out var stored);
            return [.. tokens, stored];
        });
        return issued ?? throw new InvalidOperationException("The token was not created.");
    }

    /// <summary>
    /// Removes a token (<c>dsl token revoke NAME</c>); calls with it fail from then on. When
    /// <c>DATA/admin.token</c> holds the revoked secret, that file is deleted too.
    /// </summary>
    /// <returns>False when no token has that name.</returns>
    public bool Revoke(string name) => Update(tokens =>
    {
        var revoked = tokens.FirstOrDefault(t => t.Name == name);
        if (revoked is null)
        {
            return null;
        }

        if (File.Exists(AdminTokenPath) && TokenHashing.Matches(revoked, File.ReadAllText(AdminTokenPath).Trim()))
        {
            File.Delete(AdminTokenPath);
        }

        return tokens.Where(t => t != revoked).ToArray();
    });

    /// <summary>The stored tokens, without secrets, in creation order.</summary>
    /// <exception cref="InvalidDataException">config.json is not valid; the message names it and the position.</exception>
    public IReadOnlyList<TokenInfo> List() => Current().Tokens.Select(t => t.ToInfo()).ToArray();

    /// <inheritdoc />
    /// <remarks>Says only that the file does not read: what is wrong in it is for the daemon's log, not for any caller.</remarks>
    public string? RefusesAll => _problem is null ? null : $"No token is accepted until the daemon's {ConfigFileName} is fixed: it does not read (the daemon's log says why).";

    /// <inheritdoc />
    public Caller? Authenticate(string token)
    {
        if (token.Length == 0 || token.Length > TokenHashing.MaxTokenLength)
        {
            return null;
        }

        IReadOnlyList<StoredToken> tokens;
        try
        {
            tokens = Current().Tokens;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            // An unreadable or hand-broken configuration admits nobody rather than guessing; not
            // even the tokens of its last good version, as the edit may have been a revocation.
            // Current() has logged why.
            return null;
        }

        // Every stored token is checked, matching or not, so timing does not tell which one matched.
        StoredToken? match = null;
        foreach (var stored in tokens)
        {
            if (TokenHashing.Matches(stored, token))
            {
                match = stored;
            }
        }

        return match is null ? null : new Caller(match.Name, match.Role);
    }

    private IssuedToken Issue(string name, Role role, out StoredToken stored)
    {
        var secret = TokenHashing.NewSecret();
        var salt = TokenHashing.NewSalt();
        var created = _time.GetUtcNow();
        created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond));
        stored = new StoredToken(name, role, created, salt, TokenHashing.Hash(salt, secret));
        return new IssuedToken(name, role, created, secret);
    }

    /// <summary>
    /// Read-modify-write of the token list under an inter-process lock. <paramref name="change"/>
    /// returns the new list, or null to leave the file untouched.
    /// </summary>
    private bool Update(Func<IReadOnlyList<StoredToken>, IReadOnlyList<StoredToken>?> change)
    {
        PrivateFile.EnsureDirectory(DataDirectory);
        using var fileLock = ConfigLock.Acquire(ConfigPath + ".lock", _lockWait);
        var config = ConfigFile.Load(ConfigPath);
        var updated = change(config.Tokens);
        if (updated is null)
        {
            return false;
        }

        config.SetTokens(updated);

        // Through a link, not over it: the link is how the file is kept elsewhere.
        config.Save(Followed().FullName);
        var (stamp, length) = Version();
        lock (_snapshotLock)
        {
            _snapshot = new Snapshot(stamp, length, updated);
        }

        return true;
    }

    /// <summary>The tokens as of the file's current version, re-read only when the file changed.</summary>
    private Snapshot Current()
    {
        var (stamp, length) = Version();
        lock (_snapshotLock)
        {
            if (_snapshot.Stamp == stamp && _snapshot.Length == length && _snapshot.Length >= 0)
            {
                return _snapshot;
            }

            IReadOnlyList<StoredToken> tokens;
            try
            {
                tokens = ConfigFile.Load(ConfigPath).Tokens;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                // Once per problem: a broken file is read again at every call.
                if (e.Message != _problem)
                {
                    _problem = e.Message;
                    _log?.LogWarning("no token is accepted until {File} is fixed: {Problem}", ConfigFileName, e.Message);
                }

                throw;
            }

            if (_problem is not null)
            {
                _problem = null;
                _log?.LogInformation("{Path} reads well again; its tokens are accepted", ConfigPath);
            }

            _snapshot = new Snapshot(stamp, length, tokens);
            return _snapshot;
        }
    }

    /// <summary>
    /// What tells one version of config.json from another: the time and length of the file it is,
    /// through any symbolic links. A link's own would never change when its target is written, or
    /// appears (a secret mounted by Kubernetes is a link into a folder swapped at each update).
    /// </summary>
    private (DateTime Stamp, long Length) Version()
    {
        FileSystemInfo file = Followed();
        return file.Exists ? (file.LastWriteTimeUtc, (file as FileInfo)?.Length ?? 0) : (default, 0);
    }

    /// <summary>config.json, or the file its symbolic links lead to (which may not exist yet).</summary>
    private FileSystemInfo Followed()
    {
        var file = new FileInfo(ConfigPath);
        return file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) ?? file;
    }

    // \z, not $: $ also matches before a final line break, which would let "name\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex ValidName();

    private sealed record Snapshot(DateTime Stamp, long Length, IReadOnlyList<StoredToken> Tokens);
}
