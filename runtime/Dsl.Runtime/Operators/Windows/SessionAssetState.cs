namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// The open (not yet expired) records of one asset in a session-window block, sorted by time
/// (ties in arrival order), with each output's argument value (NaN where the output did not take
/// the record), and the sessions they form.
/// </summary>
internal sealed class SessionAssetState
{
    public List<long> Times { get; } = [];

    /// <summary>Row-major: record i's value for output o is at i·outputs + o.</summary>
    public List<double> Values { get; } = [];

    public List<SessionSummary> Sessions { get; } = [];

    /// <summary>Set once a session has expired: its start and last record time.</summary>
    public bool HasClosed { get; set; }

    public long ClosedStart { get; set; }

    public long ClosedLast { get; set; }
}
