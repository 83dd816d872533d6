using System.CommandLine;
using Dsl.Cli.Reporting;
using Dsl.Releases.Workspaces;

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
            // git refuses an empty message, but only after the jobs were checked.
            if (string.IsNullOrWhiteSpace(result.GetValue(message)))
            {
                Console.Error.WriteLine("dsl save: the message is empty: say what changed with -m MESSAGE.");
                return ExitCodes.Usage;
            }
            var workspace = WorkspaceCommand.Current();
            SaveResult saved;
            using (ProgressLine.Waiting("save", "checking the changed jobs"))
                saved = workspace.Save(result.GetValue(message) ?? "");
            foreach (var diagnostic in saved.Diagnostics)
                Console.Error.WriteLine(diagnostic);
            if (saved.HasErrors)
            {
                Console.Error.WriteLine("dsl save: not saved: fix the errors above.");
                return ExitCodes.UserError;
            }
            Console.WriteLine(saved.Commit is null ? "Nothing to save." : $"Saved {saved.Commit[..12]}{Summary(saved)}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    // " (a, b checked; c removed)", or nothing when only models changed and no job exists.
    private static string Summary(SaveResult saved)
    {
        var parts = new List<string>();
        if (saved.Checked.Count > 0)
            parts.Add($"{string.Join(", ", saved.Checked)} checked");
        if (saved.Removed.Count > 0)
            parts.Add($"{string.Join(", ", saved.Removed)} removed");
        return parts.Count == 0 ? "" : $" ({string.Join("; ", parts)})";
    }
}
