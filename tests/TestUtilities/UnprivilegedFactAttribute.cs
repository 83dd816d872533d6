using Xunit;

namespace Dsl.TestUtilities;

/// <summary>A fact that needs file permissions to refuse a read; skipped, saying why, when run as root (or another privileged user), whom they do not stop.</summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix file permissions are not on Windows: the test makes a file unreadable with them.";
        else if (Environment.IsPrivilegedProcess)
            Skip = "Running as a privileged user, whom file permissions do not stop: the test needs a file this process cannot read.";
    }
}
