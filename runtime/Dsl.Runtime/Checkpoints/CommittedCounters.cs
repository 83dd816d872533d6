using Dsl.Runtime.Hosting;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// The counters a state directory's latest committed checkpoint carries, read without opening the
/// state: what a resume would restore into its session, for a host that shows a job's totals
/// while nothing runs it (a paused job after a restart of the daemon).
/// </summary>
public static class CommittedCounters
{
    /// <summary>
    /// The counters of the newest checkpoint whose manifest reads (the one <c>CURRENT</c> names, else
    /// the one before it); null when the directory has none, or none can be read. The files the
    /// manifest names are not hashed: the manifest is sealed on its own, and a resume checks them.
    /// Call it only while no run uses the directory.
    /// </summary>
    public static IReadOnlyDictionary<string, long>? Read(string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        if (!Directory.Exists(Path.Combine(stateDirectory, CheckpointDirectory.CheckpointsFolder)))
        {
            return null;
        }

        using CheckpointDirectory directory = CheckpointDirectory.OpenToRead(stateDirectory);
        try
        {
            foreach (long sequence in directory.Candidates(out _))
            {
                try
                {
                    return directory.ReadManifest(sequence).Counters;
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    // A damaged manifest: a resume would fall back to the previous checkpoint too.
                }
            }
        }
        catch (Exception e) when (e is StateException or IOException)
        {
            // A state of another format, or a directory that changed under the reader: no totals to show.
        }

        return null;
    }
}
