using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dsl.Control.Wire;
using Dsl.Daemon.Jobs;

namespace Dsl.Daemon;

/// <summary>How <c>dsl serve</c> runs.</summary>
public sealed record DaemonOptions
{
    /// <summary>The data directory (config, jobs.git, channels, state, out, inbox, logs).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The gRPC endpoint; loopback 7400 by default.</summary>
    public IPEndPoint Listen { get; init; } = ListenAddress.Default;

    /// <summary>
    /// The HTTP/1.1 endpoint of <c>/ingest</c>, <c>/metrics</c> and git; without a certificate the
    /// next port after <see cref="Listen"/> when null (port 0 when that is 0). With one, the TLS
    /// endpoint serves them too, and a cleartext endpoint is opened only when named here.
    /// </summary>
    public IPEndPoint? HttpListen { get; init; }

    /// <summary>The certificate (with private key) that makes <see cref="Listen"/> speak TLS; cleartext when null.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Intermediates sent with <see cref="Certificate"/>.</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>Processing time between a running job's checkpoints (outputs reach the channel and watchers at checkpoints).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A pause older than this turns into a stop; the channels keep at least this much.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How far ahead of the daemon's clock an ingested record's time may be; null for no limit. A
    /// record beyond it is refused as <c>invalid_time</c> (see <see cref="Ingest.FutureLimit"/>).
    /// </summary>
    public TimeSpan? MaxFuture { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often the daemon looks at the <c>release</c> branch.</summary>
    public TimeSpan ReleasePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>State memory of a job whose settings and config name none.</summary>
    public long JobMemoryBytes { get; init; } = 32L << 20;

    /// <summary>State memory all running jobs may use together; a start beyond it is refused.</summary>
    public long MemoryCapacityBytes { get; init; } = 1L << 30;

    /// <summary>Worker threads a job reserves when <c>config.json</c> names none for it.</summary>
    public int JobWorkers { get; init; } = 1;

    /// <summary>
    /// Worker threads all running jobs may reserve together; a start beyond it is refused. Twice
    /// the processor count (job loops block only on disk syncs, so two per core keep the cores
    /// busy), but at least 8 so that a small machine can still run a handful of light jobs.
    /// </summary>
    public int WorkerCapacity { get; init; } = Math.Max(8, Environment.ProcessorCount * 2);

    /// <summary>Output files are rotated beyond this size.</summary>
    public long OutputFileBytes { get; init; } = 64L << 20;

    /// <summary>How far (in encoded bytes of outputs) a <c>WatchOutputs</c> client may fall behind before it is dropped.</summary>
    public long WatchBacklogBytes { get; init; } = OutputHub.DefaultBacklogBytes;

    /// <summary>
    /// Registers more rpcs and routes before the server starts: the seam for the release service
    /// (<c>Releases.*</c> rpcs, <c>/git/jobs.git</c>). It gets the server, the data layout and the
    /// job registry to deploy into.
    /// </summary>
    public Action<ControlServer, DataPaths, Releases.IReleaseTarget>? ConfigureServer { get; init; }

    /// <summary>The resolved cleartext HTTP/1.1 endpoint; none by default with TLS, so tokens never cross the network in the clear.</summary>
    public IPEndPoint? EffectiveHttpListen =>
        HttpListen ?? (Certificate is null ? new IPEndPoint(Listen.Address, Listen.Port == 0 ? 0 : Listen.Port + 1) : null);
}
