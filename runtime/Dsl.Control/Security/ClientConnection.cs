using System.Security.Cryptography.X509Certificates;

namespace Dsl.Control.Security;

/// <summary>
/// How <c>dsl jobs …</c> and other clients find the daemon and their token: the server from
/// <c>--server</c>, <c>DSL_SERVER</c> or <c>http://127.0.0.1:7400</c>; the token from
/// <c>--token</c>, <c>DSL_TOKEN</c> or the daemon's <c>DATA/admin.token</c> (readable only by
/// the user the daemon runs as); for an https:// daemon, extra roots to trust from <c>--ca</c> or
/// <c>DSL_CA</c> (a PEM file).
/// </summary>
public static class ClientConnection
{
    /// <summary>The daemon's default address.</summary>
    public const string DefaultServer = "http://127.0.0.1:7400";

    /// <summary>The variable naming the daemon's address.</summary>
    public const string ServerVariable = "DSL_SERVER";

    /// <summary>The variable holding a token.</summary>
    public const string TokenVariable = "DSL_TOKEN";

    /// <summary>The variable naming a PEM file of certificates to trust for an https:// daemon.</summary>
    public const string CaVariable = "DSL_CA";

    /// <summary>Resolves the server and token, in that order of precedence.</summary>
    /// <param name="serverOption">The <c>--server</c> value, if given.</param>
    /// <param name="tokenOption">The <c>--token</c> value, if given.</param>
    /// <param name="dataDirectory">The daemon's data directory, where <c>admin.token</c> may be; null to skip it.</param>
    /// <param name="environment">Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    /// <param name="caOption">The <c>--ca</c> value, if given.</param>
    /// <exception cref="FormatException">The server is not an http:// or https:// address.</exception>
    /// <exception cref="InvalidOperationException">No token was found (the message says where one is looked for), or the CA file holds no certificate.</exception>
    /// <exception cref="FileNotFoundException">For an https:// server, the CA file does not exist or is a folder (see <see cref="CaFileProblem"/>).</exception>
    public static ConnectionSettings Resolve(
        string? serverOption,
        string? tokenOption,
        string? dataDirectory,
        Func<string, string?>? environment = null,
        string? caOption = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var server = Server(serverOption, environment);
        // Roots matter only to TLS; a stale DSL_CA does not stand in the way of an http:// daemon.
        var roots = server.Scheme == Uri.UriSchemeHttps ? TrustedRoots(caOption, environment) : null;
        ConnectionSettings Settings(string token, string source) => new(server, token, source) { TrustedRoots = roots };

        if (FirstNonEmpty(tokenOption) is { } fromOption)
        {
            return Settings(fromOption, "--token");
        }

        if (FirstNonEmpty(environment(TokenVariable)) is { } fromEnvironment)
        {
            return Settings(fromEnvironment, TokenVariable);
        }

        var where = string.Empty;
        if (dataDirectory is not null)
        {
            var path = Path.Combine(dataDirectory, TokenStore.AdminTokenFileName);
            if (Directory.Exists(path))
            {
                where = $" ({path} is a folder, not the token file the daemon writes)";
            }
            else if (!File.Exists(path))
            {
                // Usually a command run away from the daemon's data directory: say which one was looked in.
                where = $", or name the daemon's data directory with --data (there is no {path})";
            }
            else if (ReadTokenFile(path, out string? unreadable) is { } fromFile)
            {
                return Settings(fromFile, path);
            }
            else
            {
                where = unreadable is null ? $" ({path} is empty)" : $" ({path} cannot be read: {unreadable})";
            }
        }

        throw new InvalidOperationException($"No token: pass --token or set {TokenVariable}{where}. An admin creates tokens with 'dsl token create --role ROLE'.");
    }

    /// <summary>
    /// The token in the daemon's admin.token, or null: empty, or it cannot be read, when
    /// <paramref name="unreadable"/> says why in words rather than .NET's "Access to the path … is denied".
    /// </summary>
    private static string? ReadTokenFile(string path, out string? unreadable)
    {
        unreadable = null;
        try
        {
            return FirstNonEmpty(File.ReadAllText(path));
        }
        catch (UnauthorizedAccessException)
        {
            // The daemon writes it readable only by the user it runs as.
            unreadable = "permission denied; it is readable only by the user the daemon runs as, so run the command as that user";
        }
        catch (IOException e)
        {
            unreadable = e.Message;
        }

        return null;
    }

    /// <summary>The server of <c>--server</c>, else <c>DSL_SERVER</c> (named in the error, as a user may not know it is set), else the default.</summary>
    /// <exception cref="ServerAddressException">The server named is not an http:// or https:// address.</exception>
    public static Uri Server(string? serverOption, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (FirstNonEmpty(serverOption) is { } fromOption)
        {
            return ParseServer(fromOption);
        }

        if (FirstNonEmpty(environment(ServerVariable)) is not { } fromEnvironment)
        {
            return ParseServer(DefaultServer);
        }

        try
        {
            return ParseServer(fromEnvironment);
        }
        catch (ServerAddressException e)
        {
            throw new ServerAddressException($"{ServerVariable}: {e.Message}", e);
        }
    }

    /// <summary>The PEM file of extra roots named by <c>--ca</c>, else <c>DSL_CA</c>; null when neither is set.</summary>
    public static string? CaFile(string? caOption, Func<string, string?>? environment = null) =>
        FirstNonEmpty(caOption, (environment ?? Environment.GetEnvironmentVariable)(CaVariable));

    /// <summary>
    /// Why the CA file named by <c>--ca</c>, else <c>DSL_CA</c>, is no file: it does not exist or is a
    /// folder, said with where it was named (<c>DSL_CA: no such file: ca.pem</c>); null when it is a
    /// file or none is named. The variable is the option's default, so a file it names is judged
    /// as if typed: a command line naming no file is a usage error, not a failed call.
    /// </summary>
    public static string? CaFileProblem(string? caOption, Func<string, string?>? environment = null)
    {
        if (CaFile(caOption, environment) is not { } path)
        {
            return null;
        }

        string problem = File.Exists(path) ? string.Empty
            : Directory.Exists(path) ? $"{path} is a folder, not a file"
            : $"no such file: {path}";
        return problem.Length == 0 ? null : $"{CaSource(caOption)}: {problem}";
    }

    private static X509Certificate2Collection? TrustedRoots(string? caOption, Func<string, string?> environment)
    {
        if (CaFile(caOption, environment) is not { } path)
        {
            return null;
        }

        if (CaFileProblem(caOption, environment) is { } problem)
        {
            throw new FileNotFoundException(problem, path);
        }

        try
        {
            return TlsFiles.LoadRoots(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException($"{CaSource(caOption)}: {e.Message}", e);
        }
    }

    /// <summary>Where the CA file was named: the option when given, else the variable.</summary>
    private static string CaSource(string? caOption) => FirstNonEmpty(caOption) is null ? CaVariable : "--ca";

    /// <summary>Parses a server address; <c>HOST:PORT</c> without a scheme means <c>http://HOST:PORT</c>.</summary>
    /// <exception cref="ServerAddressException">The text is not an http:// or https:// address.</exception>
    public static Uri ParseServer(string text)
    {
        var value = text.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "http://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/")
        {
            throw new ServerAddressException($"'{text}' is not a server address; expected e.g. {DefaultServer}.");
        }

        return uri;
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
