namespace Dsl.Daemon;

/// <summary>The layout of the data directory.</summary>
public sealed class DataPaths
{
    /// <summary>Creates the directory and its folders when absent.</summary>
    public DataPaths(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (string folder in new[] { Root, Channels, State, Out, Inbox, Cache })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The data directory.</summary>
    public string Root { get; }

    /// <summary>The bare repository of released jobs.</summary>
    public string Repository => Path.Combine(Root, "jobs.git");

    /// <summary>The durable logs of the channels.</summary>
    public string Channels => Path.Combine(Root, "channels");

    /// <summary>Job state and checkpoints, one folder per job, each with its error log beside it.</summary>
    public string State => Path.Combine(Root, "state");

    /// <summary>Output files.</summary>
    public string Out => Path.Combine(Root, "out");

    /// <summary>Files dropped here are ingested into the offline channel.</summary>
    public string Inbox => Path.Combine(Root, "inbox");

    /// <summary>Compiled job assemblies.</summary>
    public string Cache => Path.Combine(Root, "cache");

    /// <summary>The jobs' lifecycle records.</summary>
    public string JobsFile => Path.Combine(Root, "jobs.json");

    /// <summary>
    /// The jobs' asset master data (time zones and attribute values, the format of <c>dsl run --assets</c>);
    /// optional, read at each start of a job, each scheduled run and each preview.
    /// </summary>
    public string Assets => Path.Combine(Root, "assets.json");

    /// <summary>Alarm deliveries not done yet, sent again at the next start.</summary>
    public string PendingAlarms => Path.Combine(Root, "alarms-pending.json");

    /// <summary>When each alarm was last notified and whether it was firing, read at the next start.</summary>
    public string AlarmStates => Path.Combine(Root, "alarms-state.json");

    /// <summary>One job's state folder.</summary>
    public string StateFolder(string job) => Path.Combine(State, job);

    /// <summary>
    /// Where a job's state folder is moved to be deleted: renamed in one step, so that a daemon killed
    /// while deleting leaves either the whole folder or none, never half of one. The leading '.'
    /// is in no job's name; the daemon deletes what such folders are left at its start.
    /// </summary>
    public string DeletedStateFolder(string job) => Path.Combine(State, $"{DeletedPrefix}{job}-{Guid.NewGuid():N}");

    /// <summary>The name under <see cref="State"/> of the folders <see cref="DeletedStateFolder"/> gives.</summary>
    public const string DeletedPrefix = ".deleted-";

    /// <summary>One job's error log, kept beside its state folder.</summary>
    public string ErrorLog(string job) => Jobs.ErrorLogFile.Beside(StateFolder(job));

    /// <summary>One job's output folder.</summary>
    public string OutputFolder(string channel, string job) => Path.Combine(Out, channel, job);
}
