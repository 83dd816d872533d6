using System.Collections;
using System.CommandLine;
using Dsl.Releases.Hooks;
using Dsl.Releases.Repository;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl release-hook install PATH</c>, which creates a bare release repository with hooks that
/// call this <c>dsl</c>, and <c>dsl release-hook pre-receive|post-receive</c>, which git runs inside
/// it (hidden: nobody types them).
/// </summary>
public static class ReleaseHookCommand
{
    public static Command Create()
    {
        var command = new Command("release-hook", "Create a bare release repository whose git hooks validate and tag releases.")
        {
            CreateInstall(),
            CreateHook(ReleaseHooks.PreReceive),
            CreateHook(ReleaseHooks.PostReceive),
        };
        return command;
    }

    private static Command CreateInstall()
    {
        var path = new Argument<string>("path") { Description = "The bare repository to create, or whose settings and hooks to install again." };
        var install = new Command("install", "Create a bare release repository (or repair one) with hooks that run this dsl.") { path };
        install.SetAction(result =>
        {
            var target = result.GetValue(path) ?? "";
            ReleaseRepository.EnsureCreated(target, HookCommand.Current());
            Console.WriteLine($"Release repository ready at {Path.GetFullPath(target)}.");
            return ExitCodes.Success;
        });
        return install;
    }

    private static Command CreateHook(string name)
    {
        var hook = new Command(name, $"The repository's {name} hook (run by git).") { Hidden = true };
        hook.SetAction(_ =>
        {
            var gitDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("GIT_DIR") is { Length: > 0 } dir ? dir : ".");
            IDictionary variables = Environment.GetEnvironmentVariables();
            return ReleaseHooks.Run(name, gitDirectory, HookEnvironment.From(variables), Console.In, Console.Out, Console.Error);
        });
        return hook;
    }
}
