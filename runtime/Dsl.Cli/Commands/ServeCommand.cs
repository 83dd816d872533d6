using System.CommandLine;
using Dsl.Releases.Repository;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using Dsl.Compiler;
using Dsl.Control.Security;
using Dsl.Control.Wire;
using Dsl.Daemon;
using Dsl.Releases.Api;
using Dsl.Releases.Http;
using Microsoft.Extensions.Logging;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl serve</c>: runs the runtime daemon until SIGTERM or Ctrl-C, then checkpoints every running job.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The data directory (config, jobs.git, channels, state, out, inbox).", DefaultValueFactory = _ => "data" };
        var listen = new Option<string>("--listen") { Description = "gRPC endpoint HOST:PORT (loopback by default).", DefaultValueFactory = _ => "127.0.0.1:7400" };
        var httpListen = new Option<string?>("--http-listen") { Description = "Cleartext HTTP/1.1 endpoint of /ingest, /metrics and git; the next port by default, none with --tls-cert." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate (intermediates after it) that makes --listen speak TLS, serving gRPC and HTTP on one port." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var interval = new Option<double>("--checkpoint-seconds") { Description = "Seconds between a running job's checkpoints.", DefaultValueFactory = _ => 1 };
        var maxPause = new Option<double>("--max-pause-hours") { Description = "A pause older than this becomes a stop.", DefaultValueFactory = _ => 24 };
        var maxFuture = new Option<double>("--max-future-hours") { Description = "Refuse ingested records stamped more than this ahead of the daemon's clock (0: no limit).", DefaultValueFactory = _ => 24 };
        var command = new Command("serve", "Run the runtime daemon.") { data, listen, httpListen, tlsCert, tlsKey, interval, maxPause, maxFuture };
        command.SetAction(result => Run(
            result.GetValue(data) ?? "data",
            result.GetValue(listen) ?? "127.0.0.1:7400",
            result.GetValue(httpListen),
            (result.GetValue(tlsCert), result.GetValue(tlsKey)),
            result.GetValue(interval),
            result.GetValue(maxPause),
            result.GetValue(maxFuture)));
        return command;
    }

    private static int Run(string data, string listen, string? httpListen, (string? Certificate, string? Key) tls, double checkpointSeconds, double maxPauseHours, double maxFutureHours)
    {
        if (!ListenAddress.TryParse(listen, out IPEndPoint endPoint))
        {
            Console.Error.WriteLine($"dsl serve: '{listen}' is not HOST:PORT");
            return ExitCodes.Usage;
        }

        IPEndPoint? http1 = null;
        if (httpListen is not null && !ListenAddress.TryParse(httpListen, out http1))
        {
            Console.Error.WriteLine($"dsl serve: '{httpListen}' is not HOST:PORT");
            return ExitCodes.Usage;
        }

        // Else the second bind fails as "address already in use", which sends one looking for another process.
        if (http1 is not null && SamePort(endPoint, http1))
        {
            Console.Error.WriteLine($"dsl serve: --listen '{listen}' and --http-listen '{httpListen}' name the same port; the HTTP endpoint needs one of its own (by default the next)");
            return ExitCodes.Usage;
        }

        // The HTTP endpoint defaults to the port after --listen's, which the last port lacks.
        if (http1 is null && tls.Certificate is null && endPoint.Port == IPEndPoint.MaxPort)
        {
            Console.Error.WriteLine($"dsl serve: --listen '{listen}' leaves no next port for the HTTP endpoint (/ingest, /metrics, git); name one with --http-listen HOST:PORT");
            return ExitCodes.Usage;
        }

        if (checkpointSeconds <= 0 || maxPauseHours <= 0 || !DurationLimit.Holds(checkpointSeconds, TimeSpan.FromSeconds(1)) || !DurationLimit.Holds(maxPauseHours, TimeSpan.FromHours(1)))
        {
            Console.Error.WriteLine($"dsl serve: --checkpoint-seconds and --max-pause-hours must be positive, and at most {DurationLimit.Hours} hours");
            return ExitCodes.Usage;
        }

        if (!DurationLimit.Holds(maxFutureHours, TimeSpan.FromHours(1)))
        {
            Console.Error.WriteLine($"dsl serve: --max-future-hours must be 0 (no limit) or positive, and at most {DurationLimit.Hours} hours");
            return ExitCodes.Usage;
        }

        if ((tls.Certificate is null) != (tls.Key is null))
        {
            Console.Error.WriteLine("dsl serve: --tls-cert and --tls-key go together");
            return ExitCodes.Usage;
        }

        X509Certificate2? certificate = null;
        X509Certificate2Collection? intermediates = null;
        if (tls is { Certificate: { } certificatePath, Key: { } keyPath })
        {
            try
            {
                (certificate, intermediates) = TlsFiles.LoadServer(certificatePath, keyPath);
            }
            catch (InvalidDataException e)
            {
                Console.Error.WriteLine($"dsl serve: {e.Message}");
                return ExitCodes.Usage;
            }

            if (certificate.NotAfter < DateTime.Now)
            {
                Console.Error.WriteLine($"dsl serve: warning: the certificate {certificate.Subject} expired on {certificate.NotAfter:u}; clients will refuse it");
            }
        }

        // Last of the checks, since it creates the folder: a usage error found after it would
        // leave an empty folder behind.
        if (DataFolderProblem(data) is { } problem)
        {
            Console.Error.WriteLine($"dsl serve: --data '{data}' {problem}");
            return ExitCodes.Usage;
        }

        var options = new DaemonOptions
        {
            DataDirectory = data,
            Listen = endPoint,
            HttpListen = http1,
            Certificate = certificate,
            CertificateChain = intermediates,
            CheckpointInterval = TimeSpan.FromSeconds(checkpointSeconds),
            MaxPause = TimeSpan.FromHours(maxPauseHours),
            MaxFuture = maxFutureHours == 0 ? null : TimeSpan.FromHours(maxFutureHours),

            // The release service answers the Releases rpcs and serves git's smart HTTP on /git/jobs.git.
            ConfigureServer = (server, paths, _) =>
            {
                // Pushes to release are validated by hooks that run this same dsl.
                ReleaseRepository.EnsureCreated(paths.Repository, HookCommand.Current());
                server.MapReleases(paths.Repository);
                server.MapGitHttp(paths.Repository);
            },
        };
        // A server that fails to start (a port in use) is reported below in one line; the host's own
        // report of it is a stack trace.
        using ILoggerFactory loggers = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None));
        return RunAsync(options, loggers).GetAwaiter().GetResult();
    }

    /// <summary>Whether two endpoints would bind one port: the same port (not 0, which picks a free one) on the same address or on every address.</summary>
    private static bool SamePort(IPEndPoint a, IPEndPoint b) =>
        a.Port == b.Port && a.Port != 0
        && (a.Address.Equals(b.Address) || IsAnyAddress(a.Address) || IsAnyAddress(b.Address));

    private static bool IsAnyAddress(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    /// <summary>Creates the data folder when absent; says why <paramref name="data"/> cannot be one, or null.</summary>
    private static string? DataFolderProblem(string data)
    {
        // An unset variable, as in --data "$DATA": no path the folder could have.
        if (string.IsNullOrWhiteSpace(data))
        {
            return "names no folder";
        }

        if (File.Exists(data))
        {
            return "names a file, where a data folder belongs";
        }

        try
        {
            Directory.CreateDirectory(data);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // A file on the way is the usual cause, and the system's message names it poorly.
            for (string? above = Path.GetDirectoryName(Path.GetFullPath(data)); above is not null; above = Path.GetDirectoryName(above))
            {
                if (File.Exists(above))
                {
                    return $"cannot be created: '{above}' is a file";
                }
            }

            return $"cannot be created: {e.Message}";
        }
    }

    private static async Task<int> RunAsync(DaemonOptions options, ILoggerFactory loggers)
    {
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        Daemon.Daemon daemon;
        try
        {
            daemon = await Daemon.Daemon.StartAsync(options, loggers).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException e)
        {
            // What the daemon creates and writes is all under its data directory.
            Console.Error.WriteLine($"dsl serve: cannot write in the data directory {options.DataDirectory}: {FileRefusals.Phrase(e)}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException)
        {
            Console.Error.WriteLine($"dsl serve: {e.Message}");
            return ExitCodes.UserError;
        }

        await using (daemon.ConfigureAwait(false))
        {
            if (daemon.Bootstrap is { Created: true } bootstrap)
            {
                Console.Error.WriteLine($"dsl serve: created the admin token in {bootstrap.AdminTokenPath} (readable only by you)");
            }

            Console.Error.WriteLine($"dsl serve: gRPC on {daemon.Address}, HTTP (/ingest, /metrics) on {daemon.HttpAddress}; release with: git push {daemon.Paths.Repository} HEAD:release");
            Console.Out.WriteLine($"listening {daemon.Address} {daemon.HttpAddress}");
            Console.Out.Flush();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("dsl serve: stopping; checkpointing running jobs");
            }

            await daemon.StopAsync().ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
