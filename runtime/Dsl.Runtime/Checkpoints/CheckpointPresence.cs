namespace Dsl.Runtime.Checkpoints;

/// <summary>Whether a state directory has any checkpoint, asked before a run opens it.</summary>
public static class CheckpointPresence
{
    /// <summary>
    /// Whether the directory holds a checkpoint, intact or not (a resume judges that). Opening a
    /// directory without one starts a run afresh, so a caller that knows the job checkpointed asks
    /// this first.
    /// </summary>
    public static bool Any(string stateDirectory)
    {
        string checkpoints = Path.Combine(stateDirectory, CheckpointDirectory.CheckpointsFolder);
        return Directory.Exists(checkpoints) && Directory.EnumerateFileSystemEntries(checkpoints).Any();
    }
}
