using System.Diagnostics.Metrics;

namespace Dsl.Daemon.Bench;

/// <summary>
/// The daemon's own view of each call: ASP.NET Core's <c>http.server.request.duration</c>, from
/// Kestrel handing over the request to the response completing. Set beside the clients' figures
/// it tells time spent serving a call from time spent reaching the server and back (sockets,
/// HTTP/2 framing, waiting for a thread or a core on either side).
/// </summary>
internal sealed class ServerDurations : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _milliseconds = new(1 << 16);
    private volatile bool _recording;

    public ServerDurations()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            if (_recording)
            {
                lock (_milliseconds)
                {
                    _milliseconds.Add(seconds * 1000);
                }
            }
        });
        _listener.Start();
    }

    public void Start()
    {
        lock (_milliseconds)
        {
            _milliseconds.Clear();
        }

        _recording = true;
    }

    public void Stop() => _recording = false;

    public string Describe()
    {
        double[] sorted;
        lock (_milliseconds)
        {
            sorted = [.. _milliseconds.Order()];
        }

        // A request is recorded once its response has gone, so the last few may land after Stop.
        return sorted.Length == 0
            ? "time in the daemon: not reported"
            : $"time in the daemon ({sorted.Length:N0} requests): p50 {ControlLatency.Percentile(sorted, 0.50):F2} ms, p90 {ControlLatency.Percentile(sorted, 0.90):F2} ms, p99 {ControlLatency.Percentile(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms";
    }

    public void Dispose() => _listener.Dispose();
}
