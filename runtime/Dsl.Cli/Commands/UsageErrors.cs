using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Dsl.Naming;

namespace Dsl.Cli.Commands;

/// <summary>
/// What a command line the parser refused is told (exit code 2): a mistyped command or option is
/// named with the closest one it may mean, and .NET type names become the kind of value wanted.
/// </summary>
internal static partial class UsageErrors
{
    public static IReadOnlyList<string> Describe(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var unknown = UnknownWords(result).ToList();
        var lines = new List<string>();

        // "dsl chek x": the first word is the mistyped command and the rest its arguments, so only the
        // first is worth a line, and "Required command was not provided" would only repeat it.
        var mistypedCommand = command.Subcommands.Count > 0 && unknown.Count > 0 && !IsDashWord(unknown[0]);
        if (mistypedCommand)
            unknown = [unknown[0]];
        var meant = unknown.Select(word => Closest(command, word)).ToList();
        DropValuesOfMistypedOptions(result, command, unknown, meant);
        for (var i = 0; i < unknown.Count; i++)
            lines.Add(UnrecognizedMessage(unknown[i]) + (meant[i] is { } closest ? $" Did you mean '{closest}'?" : ""));
        // "--inptu in.jsonl": the option meant is given, only misspelt, so that it is missing is no news.
        var meantRequired = meant.OfType<string>().Select(option => $"Option '{option}' is required.").ToHashSet(StringComparer.Ordinal);

        // "dsl --versio": the word meant is named, and what the typo fixed still lacks (a command,
        // unless it was --version) is told by the next attempt.
        var suggested = meant.Any(m => m is not null);
        var unknownMessages = UnknownWords(result).Select(UnrecognizedMessage).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            if (unknownMessages.Contains(error.Message))
                continue;
            if ((mistypedCommand || suggested) && error.Message == "Required command was not provided.")
                continue;
            if (meantRequired.Contains(error.Message))
                continue;
            lines.Add(WithoutTypeNames(error.Message));
        }
        return lines;
    }

    /// <summary>
    /// "--asset a.json": the word after a mistyped option that takes a value is that value, which the
    /// parser could not place either; it goes with the option meant, and is no mistake of its own.
    /// </summary>
    private static void DropValuesOfMistypedOptions(ParseResult result, Command command, List<string> unknown, List<string?> meant)
    {
        var words = result.Tokens.Select(token => token.Value).ToList();
        var next = 0;
        for (var i = 0; i < unknown.Count - 1; i++)
        {
            var at = words.IndexOf(unknown[i], next);
            if (at < 0)
                return;
            next = at + 1;
            if (meant[i] is not { } option)
                continue;
            if (at + 1 < words.Count && words[at + 1] == unknown[i + 1] && TakesValue(command, option, unknown[i + 1]))
            {
                unknown.RemoveAt(i + 1);
                meant.RemoveAt(i + 1);
                next = at + 2;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="word"/> can be the value of option <paramref name="name"/>: a flag
    /// (<c>--strict</c>) takes only <c>true</c> or <c>false</c>, so another word after it is a word of its own.
    /// </summary>
    private static bool TakesValue(Command command, string name, string word) =>
        command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive)))
            .Any(o => (o.Name == name || o.Aliases.Contains(name)) && o.Arity.MaximumNumberOfValues > 0
                && (o.ValueType != typeof(bool) || bool.TryParse(word, out _)));

    /// <summary>The parser's own words for a token it could not place; said again with the word meant.</summary>
    private static string UnrecognizedMessage(string word) => $"Unrecognized command or argument '{word}'.";

    /// <summary>Commands of other tools that mean one of ours: <c>dsl jobs start</c> resumes a paused job.</summary>
    private static readonly Dictionary<string, string> _synonyms = new(StringComparer.OrdinalIgnoreCase) { ["resume"] = "start" };

    /// <summary>The command or option a mistyped word most likely means, if any.</summary>
    private static string? Closest(Command command, string word)
    {
        var candidates = IsDashWord(word) ? OptionNames(command) : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
        if (_synonyms.TryGetValue(word, out var synonym) && candidates.Contains(synonym))
            return synonym;
        // "dsl help" and "dsl version" mean the options of those names. A one-letter option is no
        // typo of another letter ("-n" is not "-?"), so it is only matched when its case differs.
        return IsShortOption(word)
            ? candidates.FirstOrDefault(c => c != word && string.Equals(c, word, StringComparison.OrdinalIgnoreCase))
            : NameSuggester.FindClosest(word, candidates) ?? OptionNames(command).FirstOrDefault(o => o == "--" + word);
    }

    /// <summary>The options <paramref name="command"/> accepts: its own and those its ancestors pass down.</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive)));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
            yield return parent;
    }

    /// <summary>
    /// Lets the option take only <paramref name="values"/>; any other is a usage error that names the
    /// option, the values it takes and the one a typo probably meant (<c>--format jsn</c>: json).
    /// </summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        // As the help and shell completion show the values of an option that takes a few: <json|sarif|text>.
        option.HelpName = string.Join('|', values.Order(StringComparer.Ordinal));
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || result.GetValueOrDefault<string>() is not { } given || values.Contains(given, StringComparer.Ordinal))
                return;
            var meant = NameSuggester.FindClosest(given, values) is { } closest ? $" Did you mean '{closest}'?" : "";
            result.AddError($"'{given}' is not a value of {option.Name}.{NameSuggester.UseOneOf(values)}{meant}");
        });
        return option;
    }

    /// <summary>
    /// Makes an option given as "" (<c>--token "$TOKEN"</c> with the variable unset) a usage error
    /// that says so, where the command would otherwise go on as if it were left out: with the
    /// daemon's admin token, say, for a script that meant to run with a lesser one.
    /// </summary>
    public static T NotEmpty<T>(this T option, string wanted)
        where T : Option<string?>
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.GetValueOrDefault<string?>()))
                result.AddError($"{option.Name} is empty: name {wanted}, or leave the option out.");
        });
        return option;
    }

    /// <summary>
    /// Words the parser did not place, and dash-words it gave to a command's arguments
    /// (<c>dsl jobs start power --bogus</c> would otherwise start a job named <c>--bogus</c>).
    /// Negative numbers, <c>-</c> (standard input) and anything after <c>--</c>
    /// (<c>dsl check -- -old.stream</c>) stay arguments.
    /// </summary>
    public static IEnumerable<string> UnknownWords(ParseResult result)
    {
        var afterDoubleDash = result.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1).Count();
        var literal = result.Tokens.Skip(result.Tokens.Count - afterDoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        var dashWords = result.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Where(token => !literal.Contains(token))
            .Select(token => token.Value)
            .Where(value => IsDashWord(value) && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _));
        return result.UnmatchedTokens.Concat(dashWords);
    }

    private static bool IsDashWord(string word) => word.Length > 1 && word[0] == '-';

    private static bool IsShortOption(string word) => word.Length == 2 && word[0] == '-';

    /// <summary>
    /// "… as expected type 'System.Int32'." says what the value should have been instead, with the
    /// largest one it can be: a whole number too large to hold is refused with the same words.
    /// </summary>
    private static string WithoutTypeNames(string message) =>
        ExpectedType().Replace(message, match => match.Groups[1].Value switch
        {
            "System.Int32" => $": it must be a whole number, at most {int.MaxValue}.",
            "System.Int64" => $": it must be a whole number, at most {long.MaxValue}.",
            "System.UInt32" => $": it must be a whole number from 0 to {uint.MaxValue}.",
            "System.UInt64" => $": it must be a whole number from 0 to {ulong.MaxValue}.",
            "System.Double" => ": it must be a number.",
            _ => ".",
        });

    [GeneratedRegex(@" as expected type '([^']+)'\.")]
    private static partial Regex ExpectedType();

    /// <summary>The command being typed, <c>dsl jobs logs</c>, whose <c>--help</c> shows what it takes.</summary>
    public static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (SymbolResult? symbol = result.CommandResult; symbol is CommandResult command; symbol = symbol.Parent)
        {
            if (command.Command is not RootCommand)
                names.Add(command.Command.Name);
        }
        names.Add("dsl");
        names.Reverse();
        return string.Join(' ', names);
    }
}
