using System.CommandLine;
using Dsl.Cli.Reporting;

namespace Dsl.Cli.Commands;

/// <summary>Builds the command tree and runs it, mapping parse errors to exit code 2.</summary>
public static class CommandLine
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Stream DSL: compile, check and run .stream jobs.");
        foreach (var command in Commands())
            root.Subcommands.Add(command);

        var result = root.Parse(args);
        if (result.Errors.Count > 0 || UsageErrors.UnknownWords(result).Any())
        {
            foreach (var error in UsageErrors.Describe(result))
                Console.Error.WriteLine($"dsl: {error}");
            Console.Error.WriteLine($"Run '{UsageErrors.CommandPath(result)} --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Commands report the files they name; what is left is a file that went unreadable
            // after it was checked, or the output itself that cannot be written (stdout on a full
            // disk, say): one line and a user error, not a stack trace.
            Console.Error.WriteLine($"{UsageErrors.CommandPath(result)}: {UserMessage.Of(e)}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect of dsl's own: the whole exception, to report, and exit 1 as a failed
            // command (not the runtime's abort), as System.CommandLine's own handler did.
            Console.Error.WriteLine($"{UsageErrors.CommandPath(result)}: internal error, please report it: {e}");
            return ExitCodes.UserError;
        }
    }

    private static IEnumerable<Command> Commands()
    {
        yield return CheckCommand.Create();
        yield return BuildCommand.Create();
        yield return RunCommand.Create();
        yield return PreviewCommand.Create();
        yield return GraphCommand.Create();
        yield return FmtCommand.Create();
        yield return LspCommand.Create();
        yield return ServeCommand.Create();
        yield return JobsCommand.Create();
        yield return TokenCommand.Create();
        yield return InitCommand.Create();
        yield return NewCommand.Create();
        yield return SaveCommand.Create();
        yield return LogCommand.Create();
        yield return DiffCommand.Create();
        yield return RevertCommand.Create();
        yield return ExportCommand.Create();
        yield return ImportCommand.Create();
        yield return ReleaseCommand.Create();
        yield return LockCommand.Create();
        yield return LockCommand.CreateUnlock();
        yield return ReleaseHookCommand.Create();
    }
}
