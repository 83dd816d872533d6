namespace Dsl.Daemon.Channels;

/// <summary>
/// Remembers when the channel's tail was where, so retention keeps at least the maximum pause of
/// history: only addresses appended before that age may be dropped.
/// </summary>
public sealed class RetentionClock
{
    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset Time, long Address)> _samples = new();

    /// <summary>Records the tail now.</summary>
    public void Sample(long tail)
    {
        lock (_gate)
        {
            _samples.Enqueue((DateTimeOffset.UtcNow, tail));
        }
    }

    /// <summary>The newest tail sampled at least <paramref name="age"/> ago (0 when none: keep everything).</summary>
    public long OlderThan(TimeSpan age)
    {
        DateTimeOffset limit = DateTimeOffset.UtcNow - age;
        lock (_gate)
        {
            long address = 0;
            while (_samples.Count > 1 && _samples.ElementAt(1).Time <= limit)
            {
                _samples.Dequeue();
            }

            if (_samples.Count > 0 && _samples.Peek().Time <= limit)
            {
                address = _samples.Peek().Address;
            }

            return address;
        }
    }
}
