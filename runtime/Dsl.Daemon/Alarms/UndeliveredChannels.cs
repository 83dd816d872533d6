namespace Dsl.Daemon.Alarms;

/// <summary>
/// The channels one notification did not reach, each with why, as <c>Jobs.Get</c> shows them:
/// known when it is made (a channel config.json lacks or writes wrong), or once a delivery gives
/// up (a refusal, or every attempt failed), in the background.
/// </summary>
public sealed class UndeliveredChannels
{
    private readonly Lock _gate = new();
    private readonly List<string> _reasons = [];

    public void Add(string reason)
    {
        lock (_gate)
        {
            _reasons.Add(reason);
        }
    }

    /// <summary>The reasons so far.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _reasons];
        }
    }
}
