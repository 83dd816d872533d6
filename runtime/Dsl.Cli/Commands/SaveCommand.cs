using System.CommandLine;

namespace Dsl.Cli.Commands;

/// <summary><c>dsl save -m MSG</c>: checks the changed jobs and commits them.</summary>
public static class SaveCommand
{
    public static Command Create()
    {
        var message = new Option<string>("--message", "-m") { Description = "The commit message.", Required = true };
        var command = new Command("save", "Check every changed job and commit jobs/ and models/.") { message };
        command.SetAction(result => WorkspaceCommand.Run("save", () =>
        {
            var saved = WorkspaceCommand.Current().Save(result.GetValue(message) ?? "");
            foreach (var diagnostic in saved.Diagnostics)
                Console.Error.WriteLine(diagnostic);
            if (saved.HasErrors)
            {
                Console.Error.WriteLine("dsl save: not saved: fix the errors above.");
                return ExitCodes.UserError;
            }
            Console.WriteLine(saved.Commit is null ? "Nothing to save." : $"Saved {saved.Commit[..12]} ({string.Join(", ", saved.Checked)} checked).");
            return ExitCodes.Success;
        }));
        return command;
    }
}
