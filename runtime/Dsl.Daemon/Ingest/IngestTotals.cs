using Dsl.Control.V1;

namespace Dsl.Daemon.Ingest;

/// <summary>Records accepted and rejected by ingest since the daemon started, per channel.</summary>
public sealed class IngestTotals
{
    private long _realtimeAccepted;
    private long _realtimeRejected;
    private long _offlineAccepted;
    private long _offlineRejected;

    /// <summary>Adds one request's result.</summary>
    public void Add(Channel channel, IngestResponse result)
    {
        if (channel == Channel.Offline)
        {
            Interlocked.Add(ref _offlineAccepted, (long)result.Accepted);
            Interlocked.Add(ref _offlineRejected, (long)result.Rejected);
        }
        else
        {
            Interlocked.Add(ref _realtimeAccepted, (long)result.Accepted);
            Interlocked.Add(ref _realtimeRejected, (long)result.Rejected);
        }
    }

    /// <summary>(channel, accepted, rejected) of both channels.</summary>
    public IEnumerable<(string Channel, long Accepted, long Rejected)> All() =>
    [
        ("realtime", Interlocked.Read(ref _realtimeAccepted), Interlocked.Read(ref _realtimeRejected)),
        ("offline", Interlocked.Read(ref _offlineAccepted), Interlocked.Read(ref _offlineRejected)),
    ];
}
