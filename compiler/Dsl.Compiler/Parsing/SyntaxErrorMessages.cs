using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using Dsl.Compiler.Symbols;
using Dsl.Grammar;
using Dsl.Naming;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Words for syntax errors: how to show the token that was found, and how to say what was
/// expected in the user's terms ("an expression", "a point name", "'='") rather than as a
/// list of token types.
/// </summary>
internal static class SyntaxErrorMessages
{
    public const string Declaration = "a declaration (job, import, settings, model, aggregate, merge, energy, alarm or schedule)";

    private const string SettingValue = "a value (a name, a string, a number or a duration)";

    private const int MaxShownTokenLength = 32;

    /// <summary>The found token as a message shows it: <c>'}'</c>, <c>"ops"</c>, <c>end of file</c>.</summary>
    public static string DescribeToken(IToken token, string text)
    {
        if (token.Type == TokenConstants.EOF)
            return "end of file";
        var tokenText = text.Substring(token.StartIndex, token.StopIndex - token.StartIndex + 1);
        if (tokenText.Length > MaxShownTokenLength)
            tokenText = string.Concat(tokenText.AsSpan(0, MaxShownTokenLength), "...");
        return token.Type is StreamLexer.STRING or StreamLexer.UNTERMINATED_STRING ? tokenText : $"'{tokenText}'";
    }

    /// <summary>
    /// " Did you mean "aggregate"?" when the found token is a word close to one of several keywords
    /// the parser could accept there (a misspelt keyword); otherwise empty. With one keyword
    /// expected, the message already names it.
    /// </summary>
    public static string KeywordHint(IToken found, IntervalSet expected, IVocabulary vocabulary)
    {
        if (found.Type == TokenConstants.EOF || found.Text is not { Length: > 1 } word || !word.All(c => char.IsAsciiLetter(c) || c == '_'))
            return "";

        // A keyword spelt right is a word in the wrong place, not a misspelt one: "inf" in a
        // value is not a typo of "if".
        if (vocabulary.GetLiteralName(found.Type)?.Trim('\'') == word)
            return word == "inf" ? " 'inf' is only an interval bound, as in range [0, inf); a value cannot be infinite." : "";
        // Where a name may stand, a word is no misspelt keyword: `ai` where a point's name goes
        // is not a typo of `at`, which is only a name there too.
        if (expected.Contains(StreamLexer.IDENTIFIER))
            return "";
        var keywords = expected.ToList()
            .Select(type => vocabulary.GetLiteralName(type)?.Trim('\''))
            .OfType<string>()
            .Where(keyword => keyword.Length > 1 && keyword.All(char.IsAsciiLetterLower))
            .ToList();
        return keywords.Count > 1 && NameSuggester.FindClosest(word, keywords) is { } closest ? $" Did you mean \"{closest}\"?" : "";
    }

    /// <summary>
    /// What may follow an output on its line, and a hint for a word found there instead: a
    /// misspelt clause keyword, or a logical operator written as a word; and for a '=' after
    /// an expression, the comparison it was meant to be.
    /// </summary>
    public static (string Expected, string Hint) AfterOutput(ParserRuleContext context, IToken found, IToken? previous)
    {
        string[] clauses = context is AggregateRuleContext ? ["where", "fill"] : [];
        var expected = context is AggregateRuleContext
            ? "'where', 'fill', an operator or the end of the output's line (an output per line)"
            : "an operator or the end of the output's line (an output per line)";
        var hint = found.Text.ToLowerInvariant() switch
        {
            // `IF P > 0 THEN …`: the word before is a keyword in capitals, read as a name.
            _ when previous?.Text is { } before && before != before.ToLowerInvariant() && before.ToLowerInvariant() is "if" or "then" or "else" or "in" or "true" or "false" or "inf"
                => $" Keywords are lower case: write \"{before.ToLowerInvariant()}\".",
            "and" => " Did you mean \"&&\"?",
            "or" => " Did you mean \"||\"?",
            "not" => " Did you mean \"!\"?",
            "=" when EndsInExpression(context) => " Did you mean \"==\"?",
            var word => NameSuggester.FindClosest(word, clauses) is { } closest ? $" Did you mean \"{closest}\"?" : "",
        };
        return (expected, hint);
    }

    // The last output of the rule ends in an expression that a comparison could continue: a
    // merge value, or an aggregate's where condition (a function call cannot be compared).
    private static bool EndsInExpression(ParserRuleContext rule) => rule.children?.LastOrDefault(child => child is AggregateOutputContext or MergeOutputContext) switch
    {
        MergeOutputContext => true,
        AggregateOutputContext output => output.WHERE() != null && output.FILL() == null,
        _ => false,
    };

    /// <summary>
    /// What a statement loop (the declarations of a file, the members of a block) accepts next,
    /// after <paramref name="previous"/>. A header's `emit` and `on` may leave out their word (the
    /// compiler reports `emit every 5m` and `on hold 5m`), so the parser is back in the header's
    /// loop when anything else follows them; but what belongs there is still that word.
    /// </summary>
    public const string Comparison = "a comparison ('>', '>=', '<', '<=', '==' or '!=')";

    /// <summary>What a model's block accepts next.</summary>
    public const string ModelMember = "a point or attribute declaration, or '}'";

    /// <summary>What may follow a complete model member on its line.</summary>
    public const string StrayWordInModel = "the next member (a point kind and a name, or 'attribute') or '}'";

    public static string? DescribeStatementLoop(ParserRuleContext context, IntervalSet expected, IToken? previous) => context switch
    {
        AggregateRuleContext or MergeRuleContext when previous?.Type == EMIT => "an emit mode (ontime, final or early)",
        MergeRuleContext when previous?.Type == ON => "a point name",
        CompilationUnitContext => Declaration,
        SettingsDeclarationContext => "a setting (a name and a value) or '}'",
        ModelDeclarationContext => ModelMember,
        AggregateRuleContext when expected.Contains(LBRACE) => "an option (lateness, emit or stamp) or '{'",
        AggregateRuleContext => "an output ('Name = function(Point)') or '}'",
        // The grammar reads every option in any header; a merge takes only hold (the binder reports the others).
        MergeRuleContext when expected.Contains(LBRACE) => "the option 'hold' or '{'",
        MergeRuleContext => "an output ('Name = expression') or '}'",
        EnergyRuleContext when expected.Contains(LBRACE) => "'{'",
        EnergyRuleContext => "an energy clause (slope, scale, daily, every, rollover, split, range, missing or lateness) or '}'",
        AlarmDeclarationContext => "an alarm rule ('on ... notify ...') or '}'",
        _ => null,
    };

    /// <summary>What the parser expected, given the token types it could accept in <paramref name="context"/>.</summary>
    public static string DescribeExpected(IntervalSet expected, ParserRuleContext context, IVocabulary vocabulary)
    {
        var whole = DescribeRuleStart(context);
        if (whole != null)
            return whole;
        if (context is SettingContext { key: not null })
            return SettingValue;

        var types = expected.ToList();
        if (types.Count(TokenFacts.IsDeclarationKeyword) >= 3)
            return Declaration;

        var hasName = types.Contains(IDENTIFIER);
        var hasExpression = hasName && types.Contains(NUMBER) && types.Contains(LPAREN);
        var items = new List<string>();
        if (hasExpression)
            items.Add("an expression");
        else if (hasName)
            items.Add(WithArticle(NameRoleAt(context)));

        // An opening brace makes the options before it optional; a user missing the brace
        // needs to hear about the brace, not about every option.
        if (types.Contains(LBRACE) && !hasName)
            return "'{'";

        foreach (var type in types)
        {
            if ((hasName && TokenFacts.IsName(type)) || (hasExpression && IsExpressionStart(type)))
                continue;
            var item = type switch
            {
                DURATION => "a duration (such as 10m)",
                // The sign a duration may have only to be reported as negative is no alternative to offer.
                MINUS when types.Contains(DURATION) => null,
                NUMBER => "a number",
                STRING => StringRole(context),
                TIME_OF_DAY => "a time of day (such as 02:00)",
                TokenConstants.EOF => "the end of the file",
                MALFORMED_NUMBER or UNTERMINATED_STRING or UNTERMINATED_QUOTED_IDENTIFIER or TokenConstants.EPSILON => null,
                _ => vocabulary.GetLiteralName(type) ?? vocabulary.GetDisplayName(type),
            };
            if (item != null && !items.Contains(item))
                items.Add(item);
        }
        return items.Count == 0 ? "something else" : JoinAlternatives(items);
    }

    /// <summary>
    /// The text a missing token should have followed: <c>the output name "Avg10m"</c> when the
    /// previous token is a name whose role is known, otherwise the token itself (<c>'='</c>).
    /// </summary>
    public static string DescribeAfter(IToken? previous, ParserRuleContext context, string text)
    {
        if (previous == null)
            return "the start of the file";
        var identifier = FindIdentifierEndingWith(context, previous);
        if (identifier?.Parent is ParserRuleContext parent)
        {
            var role = NameRole(parent, PositionAmongNames(parent, identifier));
            var name = text.Substring(previous.StartIndex, previous.StopIndex - previous.StartIndex + 1).Trim('`');
            // A word where an aggregate function goes is one only if it is one (`O = P Q`).
            var misplaced = role.Noun == "aggregate function" && !BuiltinFunctions.AggregateFunctions.ContainsKey(name);
            if (role.Noun != "name" && !misplaced)
                return $"the {role.Noun} \"{name}\"";
        }
        return DescribeToken(previous, text);
    }

    /// <summary>"a, b or c".</summary>
    public static string JoinAlternatives(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };

    // Rules whose alternatives are best described as a whole when nothing of them matched yet.
    private static string? DescribeRuleStart(ParserRuleContext context)
    {
        if (context.ChildCount > 0)
            return null;
        return context switch
        {
            SettingValueContext => SettingValue,
            WindowContext => "a window ('tumbling', 'hopping' or 'session')",
            MergeTriggerContext => "a trigger ('on' and a point, or 'every' and a duration)",
            IntervalContext => "an interval such as [0, 100)",
            IntervalBoundContext => "an interval bound (an expression, -inf or +inf)",
            ComparisonContext => Comparison,
            AlarmThresholdContext => "a number or a duration",
            _ => null,
        };
    }

    private static string? StringRole(ParserRuleContext context) =>
        (context is StringLiteralContext ? context.Parent : context) switch
        {
            ImportDeclarationContext => "a file path in quotes",
            AlarmRuleContext => "a channel name in quotes",
            // A member with its unit takes a string only as the mistake of a second unit: none to offer.
            PointDeclarationContext point when point.unit() != null => null,
            AttributeDeclarationContext attribute when attribute.unit() != null => null,
            _ => "a string",
        };

    private static bool IsExpressionStart(int type) =>
        type is NUMBER or MALFORMED_NUMBER or STRING or UNTERMINATED_STRING or LPAREN or MINUS or NOT or TRUE or FALSE or IF;

    // The role of the name the parser is about to read (or is reading) in `context`.
    private static (string Noun, string? Hint) NameRoleAt(ParserRuleContext context) =>
        context is IdentifierContext && context.Parent is ParserRuleContext parent
            ? NameRole(parent, PositionAmongNames(parent, context))
            : NameRole(context, context.children?.Count(child => child is IdentifierContext) + 1 ?? 1);

    private static string WithArticle((string Noun, string? Hint) role)
    {
        var article = role.Noun[0] is 'a' or 'e' or 'i' or 'o' ? "an" : "a";
        return role.Hint == null ? $"{article} {role.Noun}" : $"{article} {role.Noun} ({role.Hint})";
    }

    private static int PositionAmongNames(ParserRuleContext parent, IParseTree identifier)
    {
        var position = 0;
        foreach (var child in parent.children ?? [])
        {
            if (child is IdentifierContext)
                position++;
            if (ReferenceEquals(child, identifier))
                break;
        }
        return position;
    }

    // `position` counts the names of the rule from 1 (a point declaration has its kind, then its name).
    private static (string Noun, string? Hint) NameRole(ParserRuleContext parent, int position) => parent switch
    {
        JobDeclarationContext => ("job name", null),
        SettingContext => ("setting name", null),
        NameSettingContext => ("setting value", null),
        ModelDeclarationContext => ("model name", null),
        // Where a member's kind was read but the parser could not tell a point from an attribute yet.
        ModelMemberContext => ("point name", null),
        PointDeclarationContext when position == 1 => ("point kind", "ai, di, pi or generic"),
        PointDeclarationContext => ("point name", null),
        AttributeDeclarationContext => ("attribute name", null),
        TypeAnnotationContext => ("type", "double, int, long, bool or string"),
        UnitContext => ("unit", null),
        AggregateRuleContext or MergeRuleContext => ("model name", null),
        EnergyRuleContext when position == 1 => ("model name", null),
        EnergyRuleContext => ("energy method", "meter, instant_power or average_power"),
        AggregateOutputContext when position == 1 => ("output name", null),
        AggregateOutputContext => ("aggregate function", "such as avg, max or count"),
        MergeOutputContext => ("output name", null),
        PointReferenceContext => ("point name", null),
        EmitOptionContext => ("emit mode", "ontime, final or early"),
        StampOptionContext => ("stamp", "start or end"),
        DailyClauseContext or EveryClauseContext => ("output name", null),
        MissingClauseContext => ("missing-value mode", "last or ignore"),
        AlarmConditionContext => ("alarm condition", "failed, errors or lag"),
        ScheduleDeclarationContext => ("schedule kind", "once, every, daily, cron or on"),
        CallExpressionContext => ("function name", null),
        QualifiedNameExpressionContext when position == 1 => ("model name", null),
        QualifiedNameExpressionContext => ("point name", null),
        _ => ("name", null),
    };

    // The identifier whose token is `token`, looked for along the last children of `context`
    // (the previous token was consumed by the most recently finished part of the rule).
    private static IdentifierContext? FindIdentifierEndingWith(ParserRuleContext context, IToken token)
    {
        IParseTree? node = context;
        while (node is ParserRuleContext rule)
        {
            if (rule is IdentifierContext identifier && identifier.Stop?.TokenIndex == token.TokenIndex)
                return identifier;
            node = rule.ChildCount > 0 ? rule.GetChild(rule.ChildCount - 1) : null;
        }
        return null;
    }
}
