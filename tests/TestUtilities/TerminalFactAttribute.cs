using Xunit;

namespace Dsl.TestUtilities;

/// <summary>
/// A fact that gives <c>dsl</c> a terminal with util-linux <c>script</c>; skipped, saying why, on
/// machines without it.
/// </summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    public TerminalFactAttribute()
    {
        bool found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "script")));
        if (!found)
            Skip = "script (util-linux) is not installed: the test needs it to give dsl a terminal.";
    }
}
