using Dsl.Runtime.Jobs;

namespace Dsl.Daemon.Channels;

/// <summary>The daemon's two channels, <c>realtime</c> and <c>offline</c>, under <c>DATA/channels/</c>.</summary>
public sealed class ChannelSet : IDisposable
{
    /// <summary>Opens both channels.</summary>
    public ChannelSet(string directory)
    {
        Realtime = new ChannelLog("realtime", Path.Combine(directory, "realtime"));
        Offline = new ChannelLog("offline", Path.Combine(directory, "offline"));
    }

    /// <summary>Records as they happen.</summary>
    public ChannelLog Realtime { get; }

    /// <summary>Files and batches processed after the fact.</summary>
    public ChannelLog Offline { get; }

    /// <summary>The channel a job reads.</summary>
    public ChannelLog Of(JobChannel channel) => channel == JobChannel.Offline ? Offline : Realtime;

    /// <inheritdoc />
    public void Dispose()
    {
        Realtime.Dispose();
        Offline.Dispose();
    }
}
