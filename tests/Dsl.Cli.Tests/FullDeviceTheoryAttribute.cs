namespace Dsl.Cli.Tests;

/// <summary>A theory that writes to /dev/full; skipped, saying why, on machines without that device.</summary>
public sealed class FullDeviceTheoryAttribute : TheoryAttribute
{
    public FullDeviceTheoryAttribute()
    {
        if (!File.Exists("/dev/full"))
            Skip = "/dev/full does not exist here: the test needs a device whose writes fail with a full disk.";
    }
}
