using Dsl.Runtime.Checkpoints;

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

    public void WriteTo(CheckpointWriter writer)
    {
        writer.Write(Times.Count);
        foreach (long time in Times)
        {
            writer.Write(time);
        }

        writer.Write(Values.Count);
        foreach (double value in Values)
        {
            writer.Write(value);
        }

        writer.Write(Sessions.Count);
        foreach (SessionSummary session in Sessions)
        {
            writer.Write(session.First);
            writer.Write(session.Count);
            writer.Write(session.Start);
            writer.Write(session.Last);
            writer.Write(session.Emitted);
            writer.Write(session.EarlyTick);
        }

        writer.Write(HasClosed);
        writer.Write(ClosedStart);
        writer.Write(ClosedLast);
    }

    public void ReadFrom(CheckpointReader reader)
    {
        int times = reader.ReadCount();
        for (int i = 0; i < times; i++)
        {
            Times.Add(reader.ReadInt64());
        }

        int values = reader.ReadCount();
        for (int i = 0; i < values; i++)
        {
            Values.Add(reader.ReadDouble());
        }

        int sessions = reader.ReadCount();
        for (int i = 0; i < sessions; i++)
        {
            Sessions.Add(new SessionSummary
            {
                First = reader.ReadInt32(),
                Count = reader.ReadInt32(),
                Start = reader.ReadInt64(),
                Last = reader.ReadInt64(),
                Emitted = reader.ReadBoolean(),
                EarlyTick = reader.ReadInt64(),
            });
        }

        HasClosed = reader.ReadBoolean();
        ClosedStart = reader.ReadInt64();
        ClosedLast = reader.ReadInt64();
    }
}
