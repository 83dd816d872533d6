using Dsl.Compiler.Binding;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Language;

/// <summary>
/// Works out from the tokens alone what belongs at a position. Tokens survive any amount of
/// broken syntax, so this keeps working on half-typed files where the tree has holes:
/// it looks at the braces around the cursor, the line being written and the word before it.
/// </summary>
public static partial class CursorContextAnalyzer
{
    private static readonly string[] _windowOptions = ["lateness", "emit", "stamp"];
    // The words that may follow an operand in an expression: the operators are left to the typist.
    private static readonly string[] _afterOperand = ["then", "else", "in"];
    private static readonly string[] _durationKeywords = ["tumbling", "hopping", "session", "step", "offset", "lateness", "hold", "idle", "per"];

    public static CursorContext Analyze(SyntaxTree tree, int position)
    {
        var source = tree.Source;
        position = Math.Clamp(position, 0, source.Length);
        var tokens = tree.Tokens;

        // Inside a comment or a string?
        foreach (var token in tokens)
        {
            if (token.Span.Start >= position)
                break;
            var inside = position < token.Span.End || (position == token.Span.End && IsOpenAtEnd(token));
            if (!inside)
                continue;
            if (token.Kind is SyntaxTokenKind.LineComment or SyntaxTokenKind.BlockComment)
                return CursorContext.None(position);
            if (token.Kind == SyntaxTokenKind.String)
                return StringContext(source.Text, tokens, token, position);
        }

        // The word being typed, which a completion replaces.
        var replace = new TextSpan(position, 0);
        foreach (var token in tokens)
        {
            if (token.Span.Start < position && token.Span.End >= position && IsWordLike(token))
            {
                replace = IsUnclosedQuotedName(token)
                    ? TextSpan.FromBounds(token.Span.Start, EndOfRun(source.Text, position, IsUnclosedNameCharacter))
                    : token.Span;
                break;
            }
        }
        var prefix = source.Text[replace.Start..position];

        var before = tokens.Where(t => !t.IsTrivia && t.Span.End <= replace.Start && t.Kind != SyntaxTokenKind.Error).ToList();
        var (block, header) = EnclosingBlock(before);
        var modelName = header.Count > 1 && block is not BlockKind.Settings and not BlockKind.Alarm and not BlockKind.None ? Unquote(header[1].Text) : null;

        var durations = DurationKindAfter(before, block);
        var line = source.GetLinePosition(replace.Start).Line;
        var onLine = before.Where(t => source.GetLinePosition(t.Span.Start).Line == line).ToList();
        // Tokens of the current statement: for a block, those on this line after its '{' (which
        // may end the header line), and for an output that goes on from earlier lines, its own.
        var statement = block switch
        {
            BlockKind.None => TopLevelStatement(before),
            BlockKind.Aggregate or BlockKind.Merge => OutputStatement(before, onLine, block),
            _ => onLine[(onLine.FindLastIndex(t => t.Text == "{") + 1)..],
        };

        var drivenBy = block switch
        {
            BlockKind.Merge => PointAfter(header, "on"),
            BlockKind.Energy => PointAfter(header, "from"),
            _ => null,
        };
        var (written, read) = block is BlockKind.Merge or BlockKind.Aggregate ? NamesOfBlock(tokens, before.FindLast(t => t.Text == "{"), replace) : ([], []);
        CursorContext Make(CursorPlace place, string? model = null, IReadOnlyList<string>? words = null) =>
            new(place, replace, prefix, block, model ?? modelName, words ?? [])
            {
                Durations = durations, DrivenBy = drivenBy, WrittenByRule = written, ReadByRule = read,
            };

        // After `Model::` the name is read where the qualified name stands: in an expression it is
        // one of the members the expression may read there (attributes too: `M::RatedPower`),
        // elsewhere (a merge trigger, an energy source) a point.
        var qualifier = statement.Count >= 2 && statement[^1].Text == "::" ? Unquote(statement[^2].Text) : null;
        var unqualified = qualifier is null ? statement : statement[..^2];
        var context = block switch
        {
            BlockKind.None => TopLevel(unqualified, onLine.Count == 0, Make),
            BlockKind.Model => InModel(unqualified, Make),
            BlockKind.Settings => InSettings(unqualified, SettingsGivenElsewhere(tree, replace), Make),
            BlockKind.Aggregate => InAggregateOutput(unqualified, Make),
            BlockKind.Merge => InMergeOutput(unqualified, Make),
            BlockKind.Energy => InEnergy(unqualified, header, ClausesOfOtherLines(tree, header, line), Make),
            BlockKind.Alarm => InAlarm(unqualified, Make),
            _ => CursorContext.None(position),
        };
        if (qualifier is not null)
        {
            context = context.Place switch
            {
                CursorPlace.Expression => context with { ModelName = qualifier, IsQualified = true },
                // An output is named without its model (DSL1001): no point fits after `M::` there.
                CursorPlace.OutputTarget => Make(CursorPlace.Nothing),
                _ => Make(CursorPlace.Point, qualifier),
            };
        }
        // Digits are a number unless a duration is expected, and no unit makes a number of them.
        var typingNumber = prefix.Length > 0 && char.IsAsciiDigit(prefix[0]);
        return typingNumber && context.Place != CursorPlace.Duration ? context with { Place = CursorPlace.Nothing } : context;
    }

    private delegate CursorContext Maker(CursorPlace place, string? model = null, IReadOnlyList<string>? words = null);

    private static CursorContext TopLevel(List<SyntaxToken> statement, bool lineIsEmpty, Maker make)
    {
        if (statement.Count == 0)
            return make(CursorPlace.TopLevel);
        var head = statement[0].Text;
        var last = statement[^1].Text;
        var modelName = head is "aggregate" or "merge" or "energy" && statement.Count > 1 ? Unquote(statement[1].Text) : null;

        if (statement.Count == 1 && head is "aggregate" or "merge" or "energy")
            return make(CursorPlace.Model);
        if (last == "window")
            return make(CursorPlace.Words, modelName, ["tumbling", "hopping", "session"]);
        if (_durationKeywords.Contains(last) || (last == "max" && head == "aggregate") || (last == "every" && head is "merge" or "schedule" or "aggregate"))
            return make(CursorPlace.Duration, modelName);
        switch (last)
        {
            case "emit":
                return make(CursorPlace.Words, modelName, ["ontime", "final", "early"]);
            case "early":
                return make(CursorPlace.Words, modelName, ["every"]);
            case "stamp":
                return make(CursorPlace.Words, modelName, ["start", "end"]);
            case "by":
                return make(CursorPlace.Words, modelName, EnergyFacts.MethodNames);
            case "on" when head == "merge":
            case "from" when head == "energy":
                return make(CursorPlace.Point, modelName);
            case "on" when head == "schedule":
                return make(CursorPlace.Words, null, ["file"]);
            case "schedule":
                return make(CursorPlace.Words, null, ["once", "every", "daily", "cron", "on"]);
            case "daily" when head == "schedule":
                return make(CursorPlace.Words, null, ["at"]);
        }

        if (head == "aggregate" && statement.Count >= 2 && EndsWindowOrOption(statement))
        {
            // An offset, a max and a step are part of the window and follow its size only; the
            // options after the window come in any order.
            IReadOnlyList<string> options = statement[^2].Text switch
            {
                "tumbling" => ["offset", .. _windowOptions],
                "hopping" => ["step"],
                "session" => ["max", .. _windowOptions],
                _ => _windowOptions,
            };
            return make(CursorPlace.Words, modelName, NotYetIn(statement, options));
        }
        if (head == "aggregate" && statement.Count == 2)
            return make(CursorPlace.Words, modelName, ["window"]);
        if (head == "merge" && statement.Count == 2)
            return make(CursorPlace.Words, modelName, ["on", "every"]);
        if (head == "merge" && statement.Count >= 4)
            return make(CursorPlace.Words, modelName, NotYetIn(statement, ["hold"]));
        if (head == "energy" && statement.Count == 2)
            return make(CursorPlace.Words, modelName, ["from"]);
        if (head == "energy" && statement.Count >= 3 && statement[^2].Text == "from")
            return make(CursorPlace.Words, modelName, ["by"]);

        // The next declaration may follow a finished one-line declaration on its line.
        // A new line after a finished declaration starts the next one.
        return lineIsEmpty || IsFinishedLineDeclaration(statement) ? make(CursorPlace.TopLevel) : make(CursorPlace.Nothing);
    }

    /// <summary>
    /// Whether the statement is a complete declaration without a body: a job line with its name
    /// (its description is optional), an import with its path, a schedule with what its kind
    /// takes (<c>once</c> nothing; a period, a time of day, a cron expression or a file pattern).
    /// </summary>
    private static bool IsFinishedLineDeclaration(List<SyntaxToken> statement) => statement[0].Text switch
    {
        "job" => statement.Count == 2 || statement[^1].Kind == SyntaxTokenKind.String,
        "import" => statement[^1].Kind == SyntaxTokenKind.String,
        "schedule" => statement is [_, { Text: "once" }]
            || (statement.Count > 2 && statement[^1].Kind is SyntaxTokenKind.Duration or SyntaxTokenKind.TimeOfDay or SyntaxTokenKind.String),
        _ => false,
    };

    /// <summary>
    /// Whether an aggregate header ends with a complete window or option: a duration (a size, an
    /// offset, a lateness, an early period) or the word after <c>emit</c> or <c>stamp</c>. An
    /// <c>emit early</c> still needs its period, which the caller offers before this is asked.
    /// </summary>
    private static bool EndsWindowOrOption(List<SyntaxToken> header) =>
        header[^1].Kind == SyntaxTokenKind.Duration || header[^2].Text is "emit" or "stamp";

    /// <summary>The options a rule header (after its keyword and model) does not have yet: each may be given once.</summary>
    private static IReadOnlyList<string> NotYetIn(List<SyntaxToken> header, IReadOnlyList<string> options) =>
        [.. options.Where(option => !header.Skip(2).Any(t => t.Text == option))];

    private static CursorContext InModel(List<SyntaxToken> statement, Maker make)
    {
        if (statement.Count == 0)
            return make(CursorPlace.Words, null, LanguageFacts.ModelMemberKeywords);
        if (statement[^1].Text == ":")
            return make(CursorPlace.Type);
        // The member being declared starts at the last point kind or `attribute` of the line (no
        // unit or type is called like one). Once it has its name, the next member may follow on
        // the line, and a point may take a range, once: not again in or after it.
        var start = statement.FindLastIndex(t => t.Text is "ai" or "di" or "pi" or "generic" or "attribute");
        var member = start >= 0 ? statement[start..] : [];
        if (member.Count < 2 || IsExpressionContinuation(member[^1]) || BracketDepth(member) > 0)
            return make(CursorPlace.Nothing);
        var takesRange = member[0].Text != "attribute" && !member.Any(t => t.Text == "range");
        return make(CursorPlace.Words, null, takesRange ? ["range", .. LanguageFacts.ModelMemberKeywords] : LanguageFacts.ModelMemberKeywords);
    }

    private static CursorContext InSettings(List<SyntaxToken> line, ISet<string> given, Maker make)
    {
        // Settings may share a line (`{ lateness 5m idle 10m`): the one being written follows the complete ones.
        var statement = line;
        while (statement.Count >= 2 && SettingLength(statement) <= statement.Count)
            statement = statement[SettingLength(statement)..];
        if (statement.Count == 0)
            return make(CursorPlace.Words, null, [.. LanguageFacts.SettingKeys.Where(key => !given.Contains(key))]);
        return statement[0].Text switch
        {
            "channel" when statement.Count == 1 => make(CursorPlace.Words, null, ["realtime", "offline"]),
            "timezone" when statement.Count == 1 => make(CursorPlace.TimeZone),
            "lateness" or "idle" when statement.Count == 1 => make(CursorPlace.Duration),
            _ => make(CursorPlace.Nothing),
        };
    }

    /// <summary>
    /// The settings the file already has, in any settings block, but the one whose name is being
    /// typed over: a setting given twice is an error (DSL2011).
    /// </summary>
    private static HashSet<string> SettingsGivenElsewhere(SyntaxTree tree, TextSpan replace) =>
        [.. tree.Root.Declarations.OfType<SettingsDeclarationSyntax>().SelectMany(block => block.Settings)
            .Where(setting => !setting.Key.Span.Contains(replace))
            .Select(setting => setting.Key.Text)];

    /// <summary>How many tokens the setting at the start of the tokens takes: its name and a value, which a minus may precede.</summary>
    private static int SettingLength(List<SyntaxToken> setting) => setting[1].Text == "-" ? 3 : 2;

    /// <summary>
    /// In an alarm, <c>on CONDITION, … notify "CHANNEL", …</c>. What completes a condition is
    /// its metric's threshold: nothing for a state, <c>&gt; D</c> for a duration, <c>&gt; N per D</c>
    /// for a count; <c>notify</c> comes only after a complete one. Rules may share a line: the
    /// one being written starts at the last <c>on</c>, and after a channel the next may begin.
    /// </summary>
    private static CursorContext InAlarm(List<SyntaxToken> line, Maker make)
    {
        var statement = line[Math.Max(line.FindLastIndex(t => t.Text == "on"), 0)..];
        if (statement.Count == 0 || (statement.Any(t => t.Text == "notify") && statement[^1].Kind == SyntaxTokenKind.String))
            return make(CursorPlace.Words, null, ["on"]);
        if (statement[0].Text != "on" || statement.Any(t => t.Text == "notify"))
            return make(CursorPlace.Nothing);
        var last = statement[^1].Text;
        if (last is "on" or ",")
            return make(CursorPlace.Words, null, AlarmMetricFacts.Names);
        if (last == "per" || IsDurationThreshold(statement))
            return make(CursorPlace.Duration);

        var start = statement.FindLastIndex(t => t.Text is "on" or ",") + 1;
        var condition = statement.GetRange(start, statement.Count - start);
        if (!AlarmMetricFacts.TryGetMetric(condition[0].Text, out var metric))
            return make(CursorPlace.Nothing);
        return (AlarmMetricFacts.ThresholdOf(metric), condition.Count) switch
        {
            (AlarmThreshold.None, 1) or (AlarmThreshold.Duration, 3) or (AlarmThreshold.Count, 5) => make(CursorPlace.Words, null, ["notify"]),
            (AlarmThreshold.Count, 3) => make(CursorPlace.Words, null, ["per"]),
            _ => make(CursorPlace.Nothing),
        };
    }

    private static bool IsExpressionContinuation(SyntaxToken last) =>
        last.Kind == SyntaxTokenKind.Operator
        || last.Text is "=" or "(" or "," or "[" or "?" or ":" or "where" or "if" or "then" or "else" or "in" or "!" or "-" or "+" or "*" or "/" or "%" or "^"
            or "scale" or "slope" or "range";

    /// <summary>
    /// Which durations the compiler takes after these tokens. A tumbling window's size and the
    /// <c>every</c> of a merge or energy rule may follow the calendar; a hopping window's size and
    /// step may not even be in days; a lateness, an offset and an alarm's duration threshold may be
    /// zero. Everywhere else (hold, gap, idle, early periods, schedules, alarm periods) a duration
    /// is a fixed length longer than zero.
    /// </summary>
    private static DurationKind DurationKindAfter(List<SyntaxToken> before, BlockKind block)
    {
        var last = before.Count > 0 ? before[^1].Text : null;
        switch (last)
        {
            case "tumbling":
                return DurationKind.CalendarPeriod;
            case "hopping" or "step":
                return DurationKind.HoppingLength;
            case "lateness" or "offset":
                return DurationKind.FixedOrZero;
            case "every" when before.Count > 1 && before[^2].Text == "early":
                return DurationKind.Fixed;
            case "every" when block == BlockKind.Energy || (block == BlockKind.None && TopLevelStatement(before) is [{ Text: "merge" }, ..]):
                return DurationKind.CalendarPeriod;
        }
        return block == BlockKind.Alarm && IsDurationThreshold(before) ? DurationKind.FixedOrZero : DurationKind.Fixed;
    }

    /// <summary>Whether the tokens end with a comparison of an alarm metric that is a duration (<c>lag &gt;</c>).</summary>
    private static bool IsDurationThreshold(List<SyntaxToken> tokens) =>
        tokens.Count >= 2 && tokens[^1].Kind == SyntaxTokenKind.Operator
        && AlarmMetricFacts.TryGetMetric(tokens[^2].Text, out var metric) && AlarmMetricFacts.ThresholdOf(metric) == AlarmThreshold.Duration;

    /// <summary>
    /// The point after a word of a rule header: a merge's trigger after <c>on</c>, an energy rule's
    /// source after <c>from</c> (<c>P</c> or <c>M::P</c>); the model name comes first.
    /// </summary>
    private static string? PointAfter(List<SyntaxToken> header, string word)
    {
        var on = header.Count > 2 ? header.FindIndex(2, t => t.Text == word) : -1;
        if (on < 0 || on + 1 >= header.Count)
            return null;
        return on + 3 < header.Count && header[on + 2].Text == "::" ? Unquote(header[on + 3].Text) : Unquote(header[on + 1].Text);
    }

    private static (BlockKind Kind, List<SyntaxToken> Header) EnclosingBlock(List<SyntaxToken> before)
    {
        var stack = new Stack<(BlockKind, List<SyntaxToken>)>();
        for (var i = 0; i < before.Count; i++)
        {
            if (before[i].Text == "{")
                stack.Push(HeaderOf(before, i));
            else if (before[i].Text == "}" && stack.Count > 0)
                stack.Pop();
        }
        return stack.Count > 0 ? stack.Peek() : (BlockKind.None, []);
    }

    private static (BlockKind, List<SyntaxToken>) HeaderOf(List<SyntaxToken> tokens, int brace)
    {
        for (var i = brace - 1; i >= 0 && tokens[i].Text is not "{" and not "}"; i--)
        {
            var kind = tokens[i].Text switch
            {
                "settings" => BlockKind.Settings,
                "model" => BlockKind.Model,
                "aggregate" => BlockKind.Aggregate,
                "merge" => BlockKind.Merge,
                "energy" => BlockKind.Energy,
                "alarm" => BlockKind.Alarm,
                _ => BlockKind.None,
            };
            if (kind != BlockKind.None)
                return (kind, tokens.GetRange(i, brace - i));
        }
        return (BlockKind.None, []);
    }

    private static List<SyntaxToken> TopLevelStatement(List<SyntaxToken> before)
    {
        // The statement runs from the last top-level keyword after the last '}'.
        var start = before.FindLastIndex(t => t.Text == "}") + 1;
        var keyword = before.FindLastIndex(t => LanguageFacts.TopLevelKeywords.Contains(t.Text));
        return keyword >= start ? before.GetRange(keyword, before.Count - keyword) : before.GetRange(start, before.Count - start);
    }

    private static CursorContext StringContext(string source, IReadOnlyList<SyntaxToken> tokens, SyntaxToken stringToken, int position)
    {
        SyntaxToken? previous = null;
        foreach (var token in tokens)
        {
            if (token.Span.Start >= stringToken.Span.Start)
                break;
            if (!token.IsTrivia)
                previous = token;
        }
        if (previous?.Text != "timezone")
            return CursorContext.None(position);
        // Replace the zone between the quotes, not the quotes themselves. A string without its
        // closing quote runs to the end of the line, so there only the zone at the cursor is
        // replaced, and the proposal brings the quote.
        var closed = IsClosedString(stringToken.Text);
        var end = closed ? stringToken.Span.End - 1 : EndOfRun(source, position, IsTimeZoneCharacter);
        var replace = TextSpan.FromBounds(stringToken.Span.Start + 1, Math.Max(end, stringToken.Span.Start + 1));
        var prefix = stringToken.Text[1..(position - stringToken.Span.Start)];
        return new CursorContext(CursorPlace.TimeZone, replace, prefix, BlockKind.Settings, null, []) { InString = true, StringIsOpen = !closed };
    }

    private static bool IsOpenAtEnd(SyntaxToken token) =>
        token.Kind == SyntaxTokenKind.LineComment
        || (token.Kind == SyntaxTokenKind.String && !IsClosedString(token.Text))
        || (token.Kind == SyntaxTokenKind.BlockComment && !token.Text.EndsWith("*/", StringComparison.Ordinal));

    /// <summary>Whether a string token ends with its closing quote (an escaped quote does not close it).</summary>
    private static bool IsClosedString(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '"')
                return i == text.Length - 1;
        }
        return false;
    }

    /// <summary>A backtick name without its closing backtick, which the lexer runs to the end of the line.</summary>
    private static bool IsUnclosedQuotedName(SyntaxToken token) =>
        token.Kind == SyntaxTokenKind.QuotedIdentifier && (token.Text.Length < 2 || !token.Text.EndsWith('`'));

    /// <summary>Where the run of characters of a kind that starts at <paramref name="position"/> ends.</summary>
    private static int EndOfRun(string text, int position, Func<char, bool> isPart)
    {
        var end = position;
        while (end < text.Length && isPart(text[end]))
            end++;
        return end;
    }

    /// <summary>
    /// The characters after the cursor that belong to a backtick name without its closing
    /// backtick: those the lexer takes in a backtick name (any but a backtick and a line break:
    /// <c>Total-kWh</c>, <c>Leistung-ä</c>), up to a space or the punctuation that ends a name
    /// where it is used (a call's <c>)</c>, a list's <c>,</c>, a type's <c>:</c>, <c>::</c>, an <c>=</c>),
    /// which is more likely the rest of the line than part of the name.
    /// </summary>
    private static bool IsUnclosedNameCharacter(char c) =>
        c is not ('`' or '(' or ')' or '[' or ']' or '{' or '}' or ',' or ':' or '=') && !char.IsWhiteSpace(c);

    private static bool IsTimeZoneCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '-' or '+';

    private static bool IsWordLike(SyntaxToken token) =>
        token.Kind is SyntaxTokenKind.Identifier or SyntaxTokenKind.Keyword or SyntaxTokenKind.Number or SyntaxTokenKind.Duration or SyntaxTokenKind.QuotedIdentifier
        || (token.Kind == SyntaxTokenKind.Error && token.Text.Length > 0 && (char.IsLetterOrDigit(token.Text[0]) || token.Text[0] == '_'));

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '`' && text[^1] == '`' ? text[1..^1] : text;
}
