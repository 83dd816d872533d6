using System.Collections;
using System.CommandLine;
using Dsl.Releases.Hooks;
using Dsl.Releases.Repository;

namespace Dsl.Cli.Commands;

/// <summary>
/// <c>dsl release-hook pre-receive|post-receive</c>, run by git inside <c>DATA/jobs.git</c>
/// (hidden), and <c>dsl release-hook install PATH</c>, which creates the bare repository with
/// hooks that call this <c>dsl</c>.
/// </summary>
public static class ReleaseHookCommand
{
    public static Command Create()
    {
        var hook = new Argument<string>("hook") { Description = "pre-receive, post-receive or install." };
        hook.AcceptOnlyFromAmong(ReleaseHooks.PreReceive, ReleaseHooks.PostReceive, "install");
        var path = new Argument<string?>("path") { Description = "For install: the bare repository to create.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("release-hook", "Validate and tag releases (run by git).") { hook, path };
        command.Hidden = true;
        command.SetAction(result =>
        {
            var name = result.GetValue(hook) ?? "";
            if (name == "install")
            {
                var target = result.GetValue(path) ?? "jobs.git";
                ReleaseRepository.EnsureCreated(target, HookCommand.Current());
                Console.WriteLine($"Release repository ready at {Path.GetFullPath(target)}.");
                return ExitCodes.Success;
            }
            var gitDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("GIT_DIR") is { Length: > 0 } dir ? dir : ".");
            IDictionary variables = Environment.GetEnvironmentVariables();
            return ReleaseHooks.Run(name, gitDirectory, HookEnvironment.From(variables), Console.In, Console.Out, Console.Error);
        });
        return command;
    }
}
