using Xunit;

namespace Dsl.TestUtilities;

/// <summary>A fact that writes under /proc; skipped, saying why, on machines without that file system.</summary>
public sealed class ProcFileSystemFactAttribute : FactAttribute
{
    public ProcFileSystemFactAttribute()
    {
        if (!Directory.Exists("/proc/self"))
            Skip = "/proc is not mounted here: the test needs a file system that refuses new files and folders.";
    }
}
