using Dsl.Control.Security;
using Dsl.Daemon.Alarms;
using Dsl.Control.Wire;
using Dsl.Daemon.Api;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Releases;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon;

/// <summary>
/// The runtime daemon of <c>dsl serve</c>: opens the data directory, deploys the <c>release</c>
/// branch, brings jobs back in their status, serves the control API, and runs the background
/// loops (release polling, inbox, expired pauses, channel retention). <see cref="StopAsync"/>
/// checkpoints every running job.
/// </summary>
public sealed class Daemon : IAsyncDisposable
{
    private readonly DaemonOptions _options;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private ChannelSet? _channels;
    private ControlServer? _server;
    private JobRegistry? _registry;
    private AlarmNotifier? _notifier;
    private AlarmEvaluator? _alarms;
    private DataDirectoryLock? _lock;
    private bool _serving;
    private bool _stopped;

    private Daemon(DaemonOptions options, ILoggerFactory loggers)
    {
        _options = options;
        Loggers = loggers;
        _log = loggers.CreateLogger("dsl.daemon");
        Paths = new DataPaths(options.DataDirectory);
    }

    /// <summary>Where everything lives.</summary>
    public DataPaths Paths { get; }

    /// <summary>The loggers the daemon writes to.</summary>
    public ILoggerFactory Loggers { get; }

    /// <summary>The first-start admin token, when this start created it.</summary>
    public BootstrapResult? Bootstrap { get; private set; }

    /// <summary>The gRPC address.</summary>
    public Uri Address => _server?.Address ?? throw new InvalidOperationException("The daemon has not started.");

    /// <summary>
    /// The HTTP address of <c>/ingest</c>, <c>/metrics</c> and git: the cleartext HTTP/1.1
    /// endpoint, or with TLS and none, the TLS endpoint (which speaks both versions).
    /// </summary>
    public Uri? HttpAddress => _server is null ? null : _server.Http1Address ?? (_options.Certificate is null ? null : _server.Address);

    /// <summary>The job registry, the seam for releases.</summary>
    public IReleaseTarget Releases => _registry ?? throw new InvalidOperationException("The daemon has not started.");

    /// <summary>The channels, for retention's bounds in the tests.</summary>
    internal ChannelSet Channels => _channels ?? throw new InvalidOperationException("The daemon has not started.");

    /// <summary>Starts a daemon: everything is serving when the task completes.</summary>
    public static async Task<Daemon> StartAsync(DaemonOptions options, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        var daemon = new Daemon(options, loggers);
        try
        {
            await daemon.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops serving, checkpoints every running job and closes the channels. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            // Whatever failed while stopping, the directory is free for the next daemon.
            _lock?.Dispose();
        }
    }

    private async Task StopCoreAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_server is { } server)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await server.StopAsync(grace.Token).ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }

        if (_registry is { } registry)
        {
            await registry.ShutdownAsync().ConfigureAwait(false);

            // A scheduled run the shutdown cut off is recorded as failed only now, after the last
            // round; the next start would take that status for one it had already notified.
            _alarms?.EvaluateStatuses(registry.AlarmSubjects(), DateTimeOffset.UtcNow);
        }

        _channels?.Dispose();
        if (_notifier is { } notifier)
        {
            await notifier.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            notifier.Dispose();
        }

        if (_serving)
        {
            _log.LogInformation("stopped; running jobs were checkpointed");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _lock = DataDirectoryLock.Acquire(Paths.Root);
        var tokens = new TokenStore(Paths.Root, log: _log);

        // A config.json that does not read (a hand edit gone wrong) fails the start before anything
        // opens, its message naming the file and the position: the daemon would admit no one.
        tokens.List();
        var repository = new ReleaseRepository(Paths.Repository);
        _channels = new ChannelSet(Paths.Channels);
        var builder = new JobBuilder(Paths.Cache);
        _registry = new JobRegistry(_options, Paths, _channels, builder, _log);
        IReadOnlyDictionary<string, Control.V1.JobStatus> statusBeforeStart = _registry.StatusBeforeStart();
        var watcher = new ReleaseWatcher(repository, _registry, _log, Paths.Root);
        watcher.Poll();
        await _registry.RestoreAsync().ConfigureAwait(false);

        // Made before the API, which reports the alarms' states; evaluated only once serving (below).
        _notifier = new AlarmNotifier(Path.Combine(Paths.Root, TokenStore.ConfigFileName), _log, outboxPath: Paths.PendingAlarms);
        var alarms = new AlarmEvaluator(_notifier, statusBeforeStart, new AlarmStateFile(Paths.AlarmStates, _log));
        var totals = new IngestTotals();
        var future = new FutureLimit(_options.MaxFuture, TimeProvider.System);
        var api = new ControlApi(_registry, alarms, _channels, new PreviewRunner(_registry, builder, _channels, repository), totals, future, _log);
        _server = new ControlServer(new ControlServerOptions
        {
            Authenticator = tokens,
            EndPoint = _options.Listen,
            Http1EndPoint = _options.EffectiveHttpListen,
            Certificate = _options.Certificate,
            CertificateChain = _options.CertificateChain,
            LoggerFactory = Loggers,
        });
        api.Map(_server);
        _options.ConfigureServer?.Invoke(_server, Paths, _registry);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);

        // Only once the ports are bound: a first start that fails (a port in use) creates no admin
        // token, so the start that succeeds creates it and says so.
        Bootstrap = tokens.EnsureAdminToken();

        var inbox = new InboxWatcher(Paths.Inbox, _channels.Offline, totals, future, _log, _registry.FileArrived);
        _loops.Add(Every(_options.ReleasePollInterval, () => Task.FromResult(watcher.Poll())));
        _loops.Add(Every(TimeSpan.FromSeconds(1), () => inbox.PollAsync(_stop.Token)));
        TimeSpan expiry = TimeSpan.FromTicks(Math.Clamp(_options.MaxPause.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 30));
        _loops.Add(Every(expiry, _registry.ExpirePausesAsync));
        _loops.Add(Every(TimeSpan.FromMilliseconds(250), () => _registry.RunSchedulesAsync(_stop.Token)));
        _loops.Add(Every(TimeSpan.FromMinutes(1), Retain));
        _notifier.Resume();
        _alarms = alarms;
        _loops.Add(Every(TimeSpan.FromSeconds(1), () =>
        {
            alarms.Evaluate(_registry.AlarmSubjects(), DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }));
        _serving = true;
        _log.LogInformation("serving gRPC on {Address}, HTTP on {Http}, data in {Data}", _server.Address, HttpAddress, Paths.Root);
    }

    private Task Retain()
    {
        if (_registry is { } registry && _channels is { } channels)
        {
            foreach (ChannelLog channel in new[] { channels.Realtime, channels.Offline })
            {
                channel.Retention.Sample(channel.CommittedTail);
                channel.TruncateUntil(Math.Min(registry.OldestNeeded(channel), channel.Retention.OlderThan(_options.MaxPause)));
            }
        }

        return Task.CompletedTask;
    }

    private Task Every(TimeSpan interval, Func<Task> action) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await action().ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failing round (a broken push, an unreadable inbox file) must not end the loop.
                    _log.LogError(e, "background task failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    });
}
