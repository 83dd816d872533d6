using System.CommandLine;
using System.CommandLine.Parsing;

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
        var errors = result.Errors.Select(e => e.Message).Concat(UnknownOptions(result)).ToList();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
                Console.Error.WriteLine($"dsl: {error}");
            Console.Error.WriteLine("Run 'dsl --help' for usage.");
            return ExitCodes.Usage;
        }
        return result.Invoke();
    }

    /// <summary>
    /// Dash-words the parser gave to a command's arguments (<c>dsl jobs start power --bogus</c> would
    /// otherwise start a job named <c>--bogus</c>). Negative numbers, <c>-</c> (standard input) and
    /// anything after <c>--</c> (<c>dsl check -- -old.stream</c>) stay arguments.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult result)
    {
        var afterDoubleDash = result.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Count();
        var literal = result.Tokens.Skip(result.Tokens.Count - afterDoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        return result.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Where(token => !literal.Contains(token))
            .Select(token => token.Value)
            .Where(value => value.Length > 1 && value[0] == '-' && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(value => $"Unrecognized command or argument '{value}'.");
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
