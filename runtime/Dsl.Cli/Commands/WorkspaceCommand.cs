using Dsl.Releases.Git;
using Dsl.Releases.Locks;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary>Runs a workspace command, turning its refusals into a message and exit code 1.</summary>
public static class WorkspaceCommand
{
    public static int Run(string command, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is WorkspaceException or GitException or LockConflictException or ArgumentException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"dsl {command}: {e.Message}");
            return ExitCodes.UserError;
        }
    }

    /// <summary>The workspace around the current directory.</summary>
    public static Workspace Current() => Workspace.Find(Directory.GetCurrentDirectory());

    /// <summary>The token for an HTTP remote: --token, else DSL_TOKEN.</summary>
    public static string? Token(string? option) =>
        !string.IsNullOrEmpty(option) ? option : Environment.GetEnvironmentVariable("DSL_TOKEN");
}
