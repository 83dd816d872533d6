namespace Dsl.Daemon.Jobs;

/// <summary>
/// Records per second over the interval between two readings of the counters, the first interval
/// measured from where the job's state was opened (<see cref="Rebase"/>).
/// </summary>
internal sealed class Throughput
{
    private readonly Lock _gate = new();
    private long _in;
    private long _out;
    private DateTimeOffset _at = DateTimeOffset.UtcNow;
    private double _inRate;
    private double _outRate;
    private TimeSpan _window;

    /// <summary>
    /// Measures the next rates from these counts at <paramref name="at"/>: the counters the job's
    /// state held when opened, which a resume restores from its checkpoint and so did not grow by
    /// anything since the previous reading.
    /// </summary>
    public void Rebase(long recordsIn, long recordsOut, DateTimeOffset at)
    {
        lock (_gate)
        {
            _in = recordsIn;
            _out = recordsOut;
            _at = at;
        }
    }

    /// <summary>Rates since the previous reading (at least a second apart, so they are not noise).</summary>
    public (double In, double Out, TimeSpan Window) Read(long recordsIn, long recordsOut)
    {
        lock (_gate)
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            TimeSpan elapsed = now - _at;
            if (elapsed >= TimeSpan.FromSeconds(1))
            {
                _inRate = Math.Max(0, recordsIn - _in) / elapsed.TotalSeconds;
                _outRate = Math.Max(0, recordsOut - _out) / elapsed.TotalSeconds;
                _window = elapsed;
                _in = recordsIn;
                _out = recordsOut;
                _at = now;
            }

            return (_inRate, _outRate, _window);
        }
    }
}
