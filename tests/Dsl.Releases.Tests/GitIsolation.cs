using System.Runtime.CompilerServices;

namespace Dsl.Releases.Tests;

/// <summary>
/// Gives every git the tests start (and the hooks git starts) a fixed identity and an empty
/// home, so no global or system git configuration of the machine is used.
/// </summary>
internal static class GitIsolation
{
    public static string Home { get; } = Directory.CreateTempSubdirectory("dsl-releases-home-").FullName;

    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("HOME", Home);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Home);
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
        Environment.SetEnvironmentVariable("GIT_AUTHOR_NAME", "Test Author");
        Environment.SetEnvironmentVariable("GIT_AUTHOR_EMAIL", "author@example.test");
        Environment.SetEnvironmentVariable("GIT_COMMITTER_NAME", "Test Author");
        Environment.SetEnvironmentVariable("GIT_COMMITTER_EMAIL", "author@example.test");
        Environment.SetEnvironmentVariable("DSL_USER", "alice");
        Environment.SetEnvironmentVariable("DSL_RELEASE_REMOTE", null);
    }
}
