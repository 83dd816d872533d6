using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>The tests that recognise a common mistake where the parser stopped, and the hints that name it.</summary>
internal sealed partial class SyntaxErrorStrategy
{
    /// <summary>
    /// The '/' of a time zone written without its quotes (<c>timezone Europe/Berlin</c>): the
    /// compiler says that the zone goes in quotes (DSL3040), so the rest of the line is skipped
    /// without an error of its own.
    /// </summary>
    private static bool IsRestOfUnquotedTimeZone(RuleContext context, IToken found) =>
        found.Type == StreamLexer.SLASH
        && context is SettingsDeclarationContext settings && settings.setting() is [.., { } last]
        && last.settingValue() is NameSettingContext && last.key.GetText() == "timezone" && last.Stop.Line == found.Line;

    /// <summary>
    /// The branches of a conditional written without spaces (<c>P > 0 ? 10:20 : 5</c>): the lexer
    /// reads <c>10:20</c> as a time of day, which no expression takes.
    /// </summary>
    private static Hint? ConditionalTimeOfDayHint(ITokenStream tokens, IToken found)
    {
        if (found.Type != StreamLexer.TIME_OF_DAY || found.TokenIndex != tokens.LT(1).TokenIndex || tokens.LT(-1)?.Type != StreamLexer.QUESTION)
            return null;
        var parts = found.Text.Split(':');
        var spaced = $"{parts[0]} : {parts[1]}";
        return new Hint($" \"{found.Text}\" is read as a time of day: put spaces around the ':' of a conditional ({spaced}).",
            new TextReplacement(LexicalDiagnostics.SpanOf(found), spaced));
    }

    /// <summary>
    /// A number and its unit apart where a duration is expected (<c>tumbling 10 m</c>, <c>hold 10 m</c>),
    /// or the unit spelt out (<c>tumbling 10 min</c>, <c>hold 1 hour</c>): the number is all the
    /// parser sees, so "expected a duration" alone would leave the reader looking at a duration.
    /// The unit is then skipped with the rest of the broken part.
    /// </summary>
    private Hint? SpacedDurationHint(ITokenStream tokens, IToken found, IntervalSet expected) =>
        expected.Contains(StreamLexer.DURATION) && found.Type == StreamLexer.NUMBER && found.TokenIndex == tokens.LT(1).TokenIndex
        && tokens.LT(2) is { } unit && unit.Line == found.Line
            ? DurationUnits.SpacedDurationHint(text, LexicalDiagnostics.SpanOf(found), LexicalDiagnostics.SpanOf(unit))
            : null;

    /// <summary>
    /// A range written with two dots (<c>range 0..100</c>, <c>range -100..3600</c>) at token
    /// <paramref name="offset"/>, where an interval goes: the number was reported with the interval
    /// to write (DSL1006), and "expected an interval" on top of it would say the same twice.
    /// </summary>
    private static bool IsRangeWrittenWithDots(ITokenStream tokens, int offset)
    {
        IToken number = tokens.LA(offset) == StreamLexer.MINUS ? tokens.LT(offset + 1) : tokens.LT(offset);
        return number.Type == StreamLexer.MALFORMED_NUMBER && number.Text.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>
    /// `M:P` in a rule: a point qualified by its model with one colon instead of two. Right after an
    /// output's name (`Out: P`), where its '=' goes, the colon is the '=' written as in other languages.
    /// </summary>
    private static string? OneColonQualifierHint(ITokenStream tokens, IToken found, RuleContext context) =>
        found.Type == StreamLexer.COLON && found.TokenIndex == tokens.LT(1).TokenIndex
        && context is AggregateOutputContext or MergeOutputContext or AggregateRuleContext or MergeRuleContext
        && TokenFacts.IsName(tokens.LA(-1)) && TokenFacts.IsName(tokens.LA(2))
            ? context is AggregateOutputContext or MergeOutputContext && ((ParserRuleContext)context).GetToken(StreamLexer.ASSIGN, 0) == null
                ? " Did you mean \"=\"?"
                : $" A point is qualified by its model with two colons: did you mean \"{tokens.LT(-1).Text}::{tokens.LT(2).Text}\"?"
            : null;

    /// <summary>
    /// The '::' of an output named with its model (<c>Turbine::Out = …</c>, <c>daily Site::Daily</c>,
    /// <c>every 15m Site::Quarter</c>): an output is a point of the rule's model, so it is named alone.
    /// The '::' is the one error; the syntax tree leaves the output unnamed, so the model's name is
    /// not also looked up as a point (<c>AstBuilder.QualifiedTarget</c>, <c>AstBuilder.IsNamedWithModel</c>).
    /// </summary>
    private Hint? QualifiedOutputHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (found.Type != StreamLexer.COLON_COLON || found.TokenIndex != tokens.LT(1).TokenIndex || !TokenFacts.IsName(tokens.LA(2)))
            return null;
        var output = tokens.LT(2).Text;
        if (context is AggregateOutputContext or MergeOutputContext)
            return $" An output is named without its model: write \"{output} = …\".";
        // Right after the output's name of the energy clause just read: `daily Site` or `every 15m Site`.
        if (context is not EnergyRuleContext rule || rule.energyClause() is not [.., var clause] || clause is not (DailyClauseContext or EveryClauseContext)
            || clause.Stop?.TokenIndex != tokens.LT(-1).TokenIndex || !TokenFacts.IsName(tokens.LA(-1)))
            return null;
        var written = text[clause.Start.StartIndex..tokens.LT(-1).StartIndex] + output;
        return new Hint($" An output is named without its model: write \"{written}\".",
            new TextReplacement(TextSpan.FromBounds(clause.Start.StartIndex, tokens.LT(2).StopIndex + 1), written));
    }

    /// <summary>
    /// A unit written alone where a duration goes (<c>every day</c>, <c>hold minute</c>): one of it,
    /// in place of the word.
    /// </summary>
    private static string? UnitWordHint(ITokenStream tokens, IToken found, IntervalSet expected) =>
        expected.Contains(StreamLexer.DURATION) && found.TokenIndex == tokens.LT(1).TokenIndex && TokenFacts.IsName(found.Type)
        && DurationUnits.UnitForWord(found.Text) is { } unit
            ? $" Did you mean \"1{unit}\"?"
            : null;

    /// <summary>
    /// A value right after an attribute on its line (<c>attribute R: double 3000</c>), or a default
    /// after its unit (<c>attribute R: double "kW" = 3000</c>): see <see cref="AttributeDefaultHints"/>.
    /// </summary>
    private string? MisplacedDefaultHint(ITokenStream tokens, IToken found, RuleContext context) =>
        context is ModelDeclarationContext model
        && model.modelMember() is [.., { } last] && last.attributeDeclaration() is { } attribute && attribute.Stop.Line == found.Line
            ? AttributeDefaultHints.For(attribute, attribute.unit()?.GetText(), found, tokens, lineStarts)
            : null;

    /// <summary>
    /// The hint for a value right after an attribute's unit written as a name (<c>attribute R kW 3000</c>,
    /// <c>attribute R kW = 3000</c>), where the parser failed to choose between the unit and the next member.
    /// </summary>
    private string? UnitBeforeDefaultHint(ITokenStream tokens, NoViableAltException noViable, AttributeDeclarationContext attribute) =>
        TokenFacts.IsName(noViable.StartToken.Type) && !lineStarts.StartsLine(noViable.StartToken)
        && PreviousDefaultToken(tokens, noViable.OffendingToken.TokenIndex)?.TokenIndex == noViable.StartToken.TokenIndex
            ? AttributeDefaultHints.For(attribute, noViable.StartToken.Text, noViable.OffendingToken, tokens, lineStarts)
            : null;

    /// <summary>
    /// A second <c>fill</c> or <c>where</c> after an aggregate output on its line, or a <c>where</c>
    /// after its <c>fill</c>: an output has one of each, the <c>where</c> first.
    /// </summary>
    private static string? RepeatedOutputClauseHint(IToken found, RuleContext context) =>
        context is AggregateRuleContext rule && rule.aggregateOutput() is [.., { } last] && last.Stop.Line == found.Line
            ? found.Type switch
            {
                StreamLexer.FILL when last.fillValue is not null => " An output has one 'fill'.",
                // An output with its 'where' has one already, wherever this one stands.
                StreamLexer.WHERE when last.condition is not null => " An output has one 'where': join the conditions with '&&'.",
                StreamLexer.WHERE when last.fillValue is not null => " An output's 'where' comes before its 'fill'.",
                _ => null,
            }
            : null;

    /// <summary>
    /// A channel right after the channel that ends an alarm rule, on its line
    /// (<c>notify "ops" "oncall"</c>): the ',' between them was left out.
    /// </summary>
    private Hint? MissingChannelCommaHint(ITokenStream tokens, IToken found, RuleContext context)
    {
        if (context is not AlarmDeclarationContext || found.Type is not (StreamLexer.STRING or StreamLexer.UNTERMINATED_STRING)
            || tokens.LA(-1) != StreamLexer.STRING || lineStarts.StartsLine(found))
            return null;
        var channels = $"{tokens.LT(-1).Text}, {SyntaxErrorMessages.DescribeToken(found, text)}";
        // A channel whose quote is not closed runs to the end of the line: no edit can tell where it ends.
        return new Hint($" Channels are separated by commas: {channels}.", found.Type == StreamLexer.STRING
            ? TextReplacement.OfWords(text, channels, LexicalDiagnostics.SpanOf(tokens.LT(-1)), LexicalDiagnostics.SpanOf(found))
            : null);
    }

    /// <summary>
    /// The first clause of an energy rule whose '}' came where its '{' belongs: the '{' was
    /// forgotten after the header, and the clauses read as the header's are the body's. Null otherwise.
    /// </summary>
    private static IToken? ForgottenEnergyBrace(RuleContext context, IToken found) =>
        context is EnergyRuleContext { _headerClauses: [var first, ..] } && found.Type == StreamLexer.RBRACE ? first.Start : null;

    /// <summary>
    /// A word on the line of a schedule whose kind took no argument (<c>schedule every day at 02:00</c>,
    /// <c>schedule every 1 hour</c>, <c>schedule cron 0 2 * * *</c>): what the kind takes, not "a
    /// declaration", and how the schedule is written. Null for a word on a later line, after a whole
    /// schedule, or after a kind that takes nothing or is unknown (the compiler reports the kind).
    /// </summary>
    private (string Expected, Hint Hint)? ScheduleArgumentError(RuleContext context, ITokenStream tokens, IToken found)
    {
        if (context is not CompilationUnitContext unit || unit.declaration() is not [.., { } last]
            || last.scheduleDeclaration() is not { kind: { } kind } schedule
            || schedule.Stop?.TokenIndex != tokens.LT(-1).TokenIndex || lineStarts.StartsLine(found))
            return null;
        if (schedule.scheduleArgument() is { } argument)
            return kind.GetText() == "daily" && argument.AT() != null ? DailyTimeError(argument, tokens, found) : null;
        return kind.GetText() switch
        {
            "every" => ("a duration (such as 10m)", EveryPeriodHint(tokens, found) ?? ""),
            "daily" => ("'at' and a time of day (such as 02:00)", ""),
            // The fields written without their quotes: the rest of the line is the expression.
            "cron" => ("a cron expression in quotes", QuotedCronHint(found)),
            "on" => ("'file' and a file pattern in quotes (such as \"incoming/*.jsonl\")", ""),
            _ => null,
        };
    }

    /// <summary>
    /// A word on the line of <c>schedule daily at</c> where its time goes or after it: an hour alone
    /// (<c>at 2</c>), minutes with one digit (<c>at 2:5</c>), or a time of the 12-hour clock
    /// (<c>at 2:00 pm</c>). Null for a word after a whole time that is no am or pm.
    /// </summary>
    private (string Expected, Hint Hint)? DailyTimeError(ScheduleArgumentContext argument, ITokenStream tokens, IToken found)
    {
        if (argument.timeOfDay() is { } time)
        {
            return found.Text.ToLowerInvariant() is "am" or "pm"
                && LiteralDecoder.ParseTimeOfDay(time.GetText()) is var (hour, minute) && hour is >= 1 and <= 12 && minute is >= 0 and <= 59
                ? ("the end of the schedule", TwentyFourHourHint(hour % 12 + (found.Text.ToLowerInvariant() == "pm" ? 12 : 0), minute, time.Start, found))
                : null;
        }

        const string TimeOfDay = "a time of day (such as 02:00)";
        var sameLine = tokens.LT(2) is { } next && next.Line == found.Line;
        if (found.Type == StreamLexer.NUMBER && int.TryParse(found.Text, out var hours) && hours is >= 0 and <= 23 && found.Text.Length <= 2)
        {
            if (sameLine && tokens.LT(2).Text.ToLowerInvariant() is "am" or "pm" && hours is >= 1 and <= 12)
                return (TimeOfDay, TwentyFourHourHint(hours % 12 + (tokens.LT(2).Text.ToLowerInvariant() == "pm" ? 12 : 0), 0, found, tokens.LT(2)));
            if (!sameLine || tokens.LA(2) != StreamLexer.COLON)
                return (TimeOfDay, new Hint($" A time of day is written HH:MM: did you mean \"{hours:D2}:00\"?", new TextReplacement(LexicalDiagnostics.SpanOf(found), $"{hours:D2}:00")));
        }
        return (TimeOfDay, " A time of day is written HH:MM, from 00:00 to 23:59, with two digits for the minutes.");
    }

    /// <summary>
    /// The replacement of the tokens at <paramref name="offsets"/> from the parser's position (as
    /// <see cref="ITokenStream.LT"/> counts them, in order) and the space between them; see <see cref="TextReplacement.OfWords"/>.
    /// </summary>
    private TextReplacement? WordsAt(ITokenStream tokens, string newText, params int[] offsets) =>
        TextReplacement.OfWords(text, newText, [.. offsets.Select(offset => LexicalDiagnostics.SpanOf(tokens.LT(offset)))]);

    /// <summary>The time of the 12-hour clock from <paramref name="first"/> to its am or pm, on the 24-hour clock.</summary>
    private Hint TwentyFourHourHint(int hour, int minute, IToken first, IToken amPm)
    {
        var written = $"{hour:D2}:{minute:D2}";
        return new Hint($" A time of day is written on the 24-hour clock: did you mean \"{written}\"?",
            TextReplacement.OfWords(text, written, LexicalDiagnostics.SpanOf(first), LexicalDiagnostics.SpanOf(amPm)));
    }

    /// <summary>
    /// The period of <c>schedule every</c> written in words: a number and its unit apart (<c>1 hour</c>),
    /// a unit alone (<c>hour</c>), or a time of day after <c>day</c>, which is what <c>daily at</c> is for.
    /// </summary>
    private Hint? EveryPeriodHint(ITokenStream tokens, IToken found)
    {
        if (found.Type == StreamLexer.NUMBER && tokens.LT(2) is { } unit && unit.Line == found.Line)
            return DurationUnits.SpacedDurationHint(text, LexicalDiagnostics.SpanOf(found), LexicalDiagnostics.SpanOf(unit));
        if (!TokenFacts.IsName(found.Type) || DurationUnits.UnitForWord(found.Text) is not { } word)
            return null;
        if (word == "d" && tokens.LA(2) == StreamLexer.AT && tokens.LT(3) is { Type: StreamLexer.TIME_OF_DAY } time && time.Line == found.Line)
        {
            var daily = $"daily at {time.Text}";
            return new Hint($" A schedule once a day at a time is written \"schedule {daily}\".",
                WordsAt(tokens, daily, -1, 1, 2, 3));
        }
        // In place of the word, so that the editor's quick fix writes the period.
        return $" Did you mean \"1{word}\"?";
    }

    /// <summary>
    /// A cron expression written without its quotes, from the found token to the end of its line
    /// or the comment that ends it (a cron expression has no "//"): the expression in its quotes.
    /// </summary>
    private Hint QuotedCronHint(IToken found)
    {
        var end = text.IndexOfAny(['\n', '\r'], found.StartIndex);
        var line = text[found.StartIndex..(end < 0 ? text.Length : end)];
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        var expression = (comment < 0 ? line : line[..comment]).TrimEnd();
        return new Hint($" A cron expression is written in quotes: schedule cron \"{expression}\".",
            new TextReplacement(new TextSpan(found.StartIndex, expression.Length), $"\"{expression}\""));
    }

    /// <summary>An energy clause after an option in an energy header (<c>hold 5m daily D {</c>), where it is not read as a clause.</summary>
    private string? EnergyClauseInHeaderHint(IToken found, RuleContext context, IntervalSet next) =>
        context is EnergyRuleContext && next.Contains(StreamLexer.LBRACE) && headerParts.StartsPart(found)
        && found.Type is not (StreamLexer.HOLD or StreamLexer.EMIT or StreamLexer.STAMP)
            ? " An energy rule's clauses go in its body."
            : null;

    /// <summary>
    /// A name right after an output, on its line, that does not start another output (no '='
    /// follows it): a misspelt clause (<c>wher</c>) or operator (<c>and</c>) in the output's
    /// tail, not the name of a new output, which would cascade into "expected '='" and unknown
    /// points and functions. Or a lone '=' there: a comparison written with one '='
    /// (<c>where P = 0</c>), not an output whose name is missing.
    /// </summary>
    private bool IsJunkAfterOutput(RuleContext context, ITokenStream tokens, IntervalSet next) =>
        context is AggregateRuleContext or MergeRuleContext
        && next.Contains(StreamLexer.RBRACE) && !next.Contains(StreamLexer.LBRACE)
        && ((TokenFacts.IsName(tokens.LA(1)) && tokens.LA(2) != StreamLexer.ASSIGN) || tokens.LA(1) == StreamLexer.ASSIGN)
        && tokens.LA(-1) is not (StreamLexer.LBRACE or TokenConstants.EOF)
        && !lineStarts.StartsLine(tokens.LT(1));

    /// <summary>
    /// A value after a setting on its line that ends the line or the block (<c>channel realtime
    /// offline }</c>), or that the next setting on the line follows (<c>channel realtime offline
    /// lateness 5m</c>, told by a value that is no name): a second value, not a setting named like
    /// it, which would be two errors, one of them about a setting that does not exist.
    /// </summary>
    private bool IsSecondSettingValue(RuleContext context, ITokenStream tokens) =>
        context is SettingsDeclarationContext settings && settings.setting() is [.., { } last]
        && last.Stop.TokenIndex == tokens.LT(-1).TokenIndex && !lineStarts.StartsLine(tokens.LT(1))
        && (TokenFacts.IsName(tokens.LA(1)) || IsLiteralValue(tokens.LA(1)))
        && (tokens.LA(2) is StreamLexer.RBRACE or TokenConstants.EOF || lineStarts.StartsLine(tokens.LT(2))
            || (TokenFacts.IsName(tokens.LA(2)) && IsLiteralValue(tokens.LA(3)) && !lineStarts.StartsLine(tokens.LT(3))));

    /// <summary>
    /// A unit (<c>m</c>, <c>minutes</c>) right after the number that is a setting's value
    /// (<c>lateness 30 m</c>): a duration written with a space, not a second value.
    /// </summary>
    private bool IsUnitOfSettingNumber(RuleContext context, ITokenStream tokens) =>
        context is SettingsDeclarationContext settings && settings.setting() is [.., { } last]
        && last.settingValue() is NumberSettingContext value && value.MINUS() == null
        && tokens.LT(-1) is { Type: StreamLexer.NUMBER } number
        && DurationUnits.SpacedDurationHint(text, LexicalDiagnostics.SpanOf(number), LexicalDiagnostics.SpanOf(tokens.LT(1))) != null;

    private static bool IsLiteralValue(int type) =>
        type is StreamLexer.STRING or StreamLexer.NUMBER or StreamLexer.DURATION or StreamLexer.TRUE or StreamLexer.FALSE;

    /// <summary>
    /// A word after a member on its line that cannot start the next member: what follows it is
    /// the next member (a point kind and a name, or <c>attribute</c>) or the end of the model.
    /// A second unit (<c>ai A kW kW</c>) or a <c>range</c> without its interval, not the kind of
    /// a point named like the point kind after it, which would cascade into a wrong kind, a
    /// duplicate and every later member of the line or the next lost. Or a unit whose range was
    /// left without its interval (<c>ai A kW range</c>), not the kind of a point named range.
    /// </summary>
    private bool IsStrayWordAfterMember(ITokenStream tokens) =>
        TokenFacts.IsName(tokens.LA(1)) && !IsPointKind(tokens.LT(1))
        && tokens.LA(-1) is not (StreamLexer.LBRACE or TokenConstants.EOF)
        && !lineStarts.StartsLine(tokens.LT(1))
        && ((IsPointKind(tokens.LT(2)) && TokenFacts.IsName(tokens.LA(3))) || IsIncompleteRange(tokens, 1) || IsUnitOfIncompleteRange(tokens));

    private static bool IsUnitOfIncompleteRange(ITokenStream tokens) => IsIncompleteRange(tokens, 2);

    private static bool IsIncompleteRange(ITokenStream tokens, int offset) =>
        tokens.LA(offset) == StreamLexer.RANGE && tokens.LA(offset + 1) is not (StreamLexer.LBRACKET or StreamLexer.LPAREN);

    private static bool IsPointKind(IToken token) => token.Text is "ai" or "di" or "pi" or "generic";
}
