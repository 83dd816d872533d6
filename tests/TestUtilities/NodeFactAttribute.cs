using Xunit;

namespace Dsl.TestUtilities;

/// <summary>A fact that needs node.js (a real protocol peer); skipped, saying why, on machines without it.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!NodeScript.Available)
            Skip = "node is not installed: the tests with real protocol peers need node.js 18+ on the PATH.";
    }
}
