using System.Diagnostics;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Microsoft.AspNetCore.Http;

namespace Dsl.Releases.Http;

/// <summary>
/// Serves <c>DATA/jobs.git</c> over git's smart HTTP by running <c>git http-backend</c> as a CGI
/// program: request headers become CGI variables, the request body streams into its stdin while
/// its stdout (CGI headers, then the body) streams back. The daemon's wire layer has already
/// authenticated the caller by token; fetching needs viewer, pushing needs admin.
/// </summary>
public sealed class GitHttpBridge
{
    /// <summary>The route prefix: the repository is <c>http://HOST:PORT/git/jobs.git</c>.</summary>
    public const string RoutePrefix = "/git/";

    private readonly string _repository;
    private readonly string _projectRoot;
    private readonly string _repositoryName;

    public GitHttpBridge(string repositoryPath)
    {
        _repository = Path.GetFullPath(repositoryPath).TrimEnd(Path.DirectorySeparatorChar);
        _projectRoot = Path.GetDirectoryName(_repository) ?? throw new ArgumentException("The repository needs a parent folder.", nameof(repositoryPath));
        _repositoryName = Path.GetFileName(_repository);
    }

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var inside = path.StartsWith(RoutePrefix, StringComparison.Ordinal) ? path[(RoutePrefix.Length - 1)..] : "";
        if (!inside.StartsWith("/" + _repositoryName + "/", StringComparison.Ordinal) || inside.Contains("/../", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var caller = ControlServer.GetCaller(http);
        var pushing = inside.EndsWith("/git-receive-pack", StringComparison.Ordinal) || http.Request.Query["service"] == "git-receive-pack";
        if (caller is null || (pushing && !caller.HasRole(Role.Admin)))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync("Releasing needs a token with the admin role.\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _repository,
        };
        start.ArgumentList.Add("http-backend");
        var env = start.Environment;
        env["GIT_PROJECT_ROOT"] = _projectRoot;
        env["GIT_HTTP_EXPORT_ALL"] = "1";
        env["PATH_INFO"] = inside;
        env["REQUEST_METHOD"] = http.Request.Method;
        env["QUERY_STRING"] = http.Request.QueryString.HasValue ? (http.Request.QueryString.Value ?? "").TrimStart('?') : "";
        env["CONTENT_TYPE"] = http.Request.ContentType ?? "";
        env["REMOTE_USER"] = caller.Name;
        env["REMOTE_ADDR"] = http.Connection.RemoteIpAddress?.ToString() ?? "";
        env["SERVER_PROTOCOL"] = http.Request.Protocol;
        env["GATEWAY_INTERFACE"] = "CGI/1.1";
        if (http.Request.ContentLength is { } length)
            env["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        else
            env.Remove("CONTENT_LENGTH");
        if (http.Request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
            env["HTTP_CONTENT_ENCODING"] = encoding;
        if (http.Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
            env["GIT_PROTOCOL"] = protocol;
        // The pusher's own DSL_USER must not name the pusher over HTTP: the token does.
        env.Remove("DSL_USER");

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git http-backend could not be started.");
        var errors = process.StandardError.ReadToEndAsync(http.RequestAborted);
        var feed = FeedAsync(http.Request.Body, process.StandardInput.BaseStream, http.RequestAborted);
        try
        {
            await RelayAsync(process.StandardOutput.BaseStream, http).ConfigureAwait(false);
            await feed.ConfigureAwait(false);
            await process.WaitForExitAsync(http.RequestAborted).ConfigureAwait(false);
            await errors.ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    private static async Task FeedAsync(Stream body, Stream stdin, CancellationToken cancellation)
    {
        try
        {
            await body.CopyToAsync(stdin, cancellation).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // http-backend stops reading when it has answered (e.g. an error): the rest is not needed.
        }
        finally
        {
            await stdin.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task RelayAsync(Stream stdout, HttpContext http)
    {
        var headers = await CgiHeaders.ReadAsync(stdout, http.RequestAborted).ConfigureAwait(false);
        http.Response.StatusCode = headers.Status;
        foreach (var (name, value) in headers.Fields)
            http.Response.Headers.Append(name, value);
        if (headers.Remainder.Length > 0)
            await http.Response.Body.WriteAsync(headers.Remainder, http.RequestAborted).ConfigureAwait(false);

        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stdout.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted).ConfigureAwait(false);
            // Progress and `remote:` messages must reach the client while the hooks run.
            await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        }
    }
}
