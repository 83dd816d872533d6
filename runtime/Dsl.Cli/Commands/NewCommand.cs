using System.CommandLine;
using Dsl.Releases.Workspaces;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl new JOB --template T</c>: a new job from a template.</summary>
public static class NewCommand
{
    public static Command Create()
    {
        var job = new Argument<string>("job") { Description = "The job's name (letters, digits and '_')." };
        var template = new Option<string>("--template") { Description = "window, merge, meter-energy or power-energy.", DefaultValueFactory = _ => "window" };
        template.OneOf([.. JobTemplates.Names]);
        var command = new Command("new", "Create a job from a template in jobs/.") { job, template };
        command.SetAction(result => WorkspaceCommand.Run("new", () =>
        {
            var workspace = WorkspaceCommand.Current();
            var file = workspace.New(result.GetValue(job) ?? "", result.GetValue(template) ?? "window");
            Console.WriteLine($"Created {workspace.Relative(file)}.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
