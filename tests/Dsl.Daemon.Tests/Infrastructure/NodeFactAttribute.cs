namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>A fact that needs node.js; skipped, saying why, on machines without it.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!NodePeer.Available)
        {
            Skip = "node is not installed: the grpc-js peer tests need node.js 18+ on the PATH.";
        }
    }
}
