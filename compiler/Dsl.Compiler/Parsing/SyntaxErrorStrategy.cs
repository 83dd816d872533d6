using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;
using AntlrParser = Antlr4.Runtime.Parser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// ANTLR's default recovery (single-token insertion and deletion, resynchronising on what
/// can follow the current rules), adjusted for a language written one statement per line:
/// <list type="bullet">
/// <item>after an error, the parser skips to the start of a line, a brace or a
/// declaration keyword, never to a name in the middle of a line, so one mistake does not
/// turn the rest of its line into a chain of errors; in a rule header it also resumes at
/// the keyword of the next part (<c>lateness</c>, <c>emit</c>...), so a mistake in one part
/// does not hide those in the next;</item>
/// <item>junk between the members of a block is reported once and skipped to the next line;</item>
/// <item>a token is not conjured up at the start of a new line (only closers are: a
/// missing ')' at the end of a line is common, a missing '=' that joins two lines is not);</item>
/// <item>messages say what was expected in the language's terms, with the found token.</item>
/// </list>
/// Errors inside a token (an invalid character) were reported by the token pass; the parser
/// only recovers from them.
/// </summary>
internal sealed partial class SyntaxErrorStrategy(string text, LineStarts lineStarts, RuleHeaderParts headerParts, SyntaxDiagnosticCollector diagnostics, bool fileEndsInComment)
    : DefaultErrorStrategy
{
    public override void ReportError(AntlrParser recognizer, RecognitionException e)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);

        switch (e)
        {
            case ValueWithoutFunctionException:
                // The binder says what the value lacks (DSL2007, or DSL1009 for a function without its
                // argument), knowing what its first word is.
                break;
            case NestingTooDeepException:
                var root = RuleContexts.OutermostExpression(recognizer.Context);
                diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, LexicalDiagnostics.SpanOf(root.Start), ParseLimits.MaxExpressionDepth);
                break;
            // A failed predicate too: `range` with bounds but no brackets after a unit (`ai A kW range 0, 5`)
            // is tried as a stray word, which `range` never is.
            case NoViableAltException or InputMismatchException or FailedPredicateException when InModel(recognizer.Context) && IsStrayWordAfterMember((ITokenStream)recognizer.InputStream):
                ReportStrayWord((ITokenStream)recognizer.InputStream);
                break;
            case NoViableAltException noViable when recognizer.Context is AttributeDeclarationContext attribute
                && UnitBeforeDefaultHint((ITokenStream)recognizer.InputStream, noViable, attribute) is { } hint:
                // `attribute R: double kW 3000`: a unit written as a name, then a value the parser
                // cannot tell from the start of the next member. Said as after a string unit.
                diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(noViable.OffendingToken),
                    SyntaxErrorMessages.DescribeToken(noViable.OffendingToken, text), SyntaxErrorMessages.ModelMember, hint);
                break;
            case NoViableAltException noViable when recognizer.Context is ModelMemberContext && TokenFacts.IsName(noViable.StartToken.Type)
                && noViable.OffendingToken.TokenIndex > noViable.StartToken.TokenIndex
                && PreviousDefaultToken((ITokenStream)recognizer.InputStream, noViable.OffendingToken.TokenIndex)?.TokenIndex == noViable.StartToken.TokenIndex:
                // `ai where kW`: a member starts with its kind (or `attribute` misspelt), the name after it is wrong.
                if (IsKeywordAsMemberName(noViable.OffendingToken))
                    ReportKeywordAsName(noViable.OffendingToken, "a point name");
                else
                    ReportUnexpected(recognizer, noViable.OffendingToken, new IntervalSet(StreamLexer.IDENTIFIER), tokenIsMissing: false);
                break;
            default:
                // Includes a failed predicate: a type that is really the start of the next member.
                ReportUnexpected(recognizer, e.OffendingToken ?? recognizer.CurrentToken, e.GetExpectedTokens() ?? recognizer.GetExpectedTokens(), tokenIsMissing: false);
                break;
        }
    }

    public override void Recover(AntlrParser recognizer, RecognitionException e)
    {
        if (e is NestingTooDeepException)
        {
            // Only the rule that tried to go one level deeper stops; the levels above it
            // carry on, so the whole nested remainder (up to the bracket that closes this
            // level) is skipped here. A parenthesized expression has no chance to match its
            // own ')' after the error, so that one is skipped too.
            var ownsCloser = recognizer.Context is ParenthesizedExpressionContext parenthesized && parenthesized.RPAREN() == null;
            SkipRestOfExpression(recognizer, ownsCloser);
            return;
        }
        var tokens = (ITokenStream)recognizer.InputStream;
        if (e is ValueWithoutFunctionException)
        {
            SkipRestOfOutput(recognizer, tokens);
            return;
        }
        if (recognizer.Context is ModelMemberContext && e.OffendingToken is { } offending && IsKeywordAsMemberName(offending))
        {
            // Past the keyword, so that it does not end the model: the rest of the line is skipped as usual.
            while (tokens.LT(1).TokenIndex <= offending.TokenIndex)
                recognizer.Consume();
        }
        else if (e.OffendingToken?.TokenIndex == tokens.LT(1).TokenIndex && InModel(recognizer.Context) && IsStrayWordAfterMember(tokens))
        {
            // Only the word is wrong: the point kind after it starts the next member. A unit is
            // right, and its `range` has nothing more to read.
            if (IsUnitOfIncompleteRange(tokens))
                recognizer.Consume();
            recognizer.Consume();
            return;
        }
        base.Recover(recognizer, e);
    }

    private static bool InModel(RuleContext? context) => Enclosing<ModelDeclarationContext>(context) != null;

    private static bool InAttribute(RuleContext? context) => Enclosing<AttributeDeclarationContext>(context) != null;

    /// <summary>The context itself or the nearest one around it that is a <typeparamref name="T"/>, if any.</summary>
    private static T? Enclosing<T>(RuleContext? context) where T : RuleContext
    {
        for (; context != null; context = context.Parent)
        {
            if (context is T found)
                return found;
        }
        return null;
    }

    private void ReportStrayWord(ITokenStream tokens)
    {
        var current = tokens.LT(1);
        if (current.Type == StreamLexer.RANGE || IsUnitOfIncompleteRange(tokens))
        {
            // `range` whose interval was left out: the interval is missing, not the word wrong.
            var range = current.Type == StreamLexer.RANGE ? current : tokens.LT(2);
            if (IsRangeWrittenWithDots(tokens, current.Type == StreamLexer.RANGE ? 2 : 3))
                return;
            diagnostics.Report(DiagnosticDescriptors.MissingToken, new TextSpan(range.StopIndex + 1, 0), "an interval such as [0, 100)", "'range'");
            return;
        }
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(current), SyntaxErrorMessages.DescribeToken(current, text),
            SyntaxErrorMessages.StrayWordInModel, TokenFacts.IsName(tokens.LA(-1)) ? " A point has one unit." : "");
    }

    public override void Sync(AntlrParser recognizer)
    {
        var state = recognizer.Interpreter.atn.states[recognizer.State];
        var isStatementLoop = state.StateType is StateType.StarLoopEntry or StateType.StarLoopBack or StateType.PlusLoopBack
            && RuleContexts.HasStatementLoop(recognizer.Context);
        if (!isStatementLoop)
        {
            base.Sync(recognizer);
            return;
        }

        var tokens = (ITokenStream)recognizer.InputStream;
        var current = tokens.LT(1);
        var next = recognizer.Atn.NextTokens(state);
        if (InErrorRecoveryMode(recognizer))
        {
            // Still recovering from an error in the previous statement: the next one starts
            // on a new line (or at a brace), not in the middle of the broken one.
            if (!IsStatementBoundary(recognizer, current) || !next.Contains(current.Type))
                SkipToStatement(recognizer, next);
            DeclareKeywordAsMemberName(recognizer.Context, tokens);
            return;
        }
        DeclareKeywordAsMemberName(recognizer.Context, tokens);
        if (IsSecondSettingValue(recognizer.Context, tokens) && IsUnitOfSettingNumber(recognizer.Context, tokens))
        {
            // `lateness 30 m`: the compiler says at the number that the setting takes a duration,
            // and how it is written (DSL3040), so the unit has no error of its own.
            recognizer.Consume();
            return;
        }
        if (IsSecondSettingValue(recognizer.Context, tokens))
        {
            // Only the value is wrong: a setting after it on the line is read.
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(current), SyntaxErrorMessages.DescribeToken(current, text),
                SyntaxErrorMessages.DescribeStatementLoop(recognizer.Context, next, tokens.LT(-1)), " A setting has one value.");
            recognizer.Consume();
            return;
        }
        if (IsJunkAfterOutput(recognizer.Context, tokens, next))
        {
            BeginErrorCondition(recognizer);
            var (expected, hint) = SyntaxErrorMessages.AfterOutput(recognizer.Context, current, tokens.LT(-1));
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(current), SyntaxErrorMessages.DescribeToken(current, text), expected, hint);
            SkipToStatement(recognizer, next);
            return;
        }

        if (next.Contains(current.Type) || current.Type == TokenConstants.EOF || TokenFacts.IsDeclarationKeyword(current.Type))
        {
            // A declaration keyword or the end of the file inside a block means its '}' is
            // missing; matching the '}' reports that, with the line of the '{'.
            return;
        }

        BeginErrorCondition(recognizer);
        if (ForgottenEnergyBrace(recognizer.Context, current) is { } clause)
        {
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(clause), SyntaxErrorMessages.DescribeToken(clause, text), "'{'", "");
        }
        else if (ScheduleArgumentError(recognizer.Context, tokens, current) is var (what, hint))
        {
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(current), SyntaxErrorMessages.DescribeToken(current, text), what, hint);
        }
        else if (current.Type != StreamLexer.ERROR_CHARACTERS && !IsRestOfUnquotedTimeZone(recognizer.Context, current))
        {
            var expected = SyntaxErrorMessages.DescribeStatementLoop(recognizer.Context, next, ((ITokenStream)recognizer.InputStream).LT(-1)) ?? SyntaxErrorMessages.Declaration;
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(current), SyntaxErrorMessages.DescribeToken(current, text), expected,
                QualifiedOutputHint(tokens, current, recognizer.Context)
                ?? OneColonQualifierHint(tokens, current, recognizer.Context) ?? EnergyClauseInHeaderHint(current, recognizer.Context, next)
                ?? TumblingStepHint(tokens, current) ?? MergeTriggerHint(tokens, current, recognizer.Context)
                ?? EnergyOutputHint(tokens, current, recognizer.Context)
                ?? PeriodOutputHint(tokens, current, recognizer.Context) ?? AggregateClauseInMergeHint(current, recognizer.Context)
                ?? MisplacedDefaultHint(tokens, current, recognizer.Context) ?? RepeatedOutputClauseHint(current, recognizer.Context)
                ?? MissingChannelCommaHint(tokens, current, recognizer.Context)
                ?? (InModel(recognizer.Context) ? UnitHints.QuoteUnit(text, current.StartIndex) : null)
                ?? SyntaxErrorMessages.KeywordHint(current, next, recognizer.Vocabulary));
        }
        SkipToStatement(recognizer, next);
    }

    protected override void ReportUnwantedToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);
        ReportUnexpected(recognizer, recognizer.CurrentToken, recognizer.GetExpectedTokens(), tokenIsMissing: false);
    }

    protected override void ReportMissingToken(AntlrParser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
            return;
        BeginErrorCondition(recognizer);
        ReportUnexpected(recognizer, recognizer.CurrentToken, recognizer.GetExpectedTokens(), tokenIsMissing: true);
    }

    /// <summary>
    /// A rule header whose keyword and the word after it were both left out before the body
    /// (<c>energy M from E {</c> without <c>by meter</c>, <c>aggregate M {</c> without
    /// <c>window tumbling 10m</c>) or, in an aggregate, before its options: one error, and the keyword is taken as written, so that the
    /// body is read and checked instead of skipped. ANTLR conjures only a single missing token.
    /// A header keyword misspelt (<see cref="MisspeltKeyword"/>) or left out with the model's name
    /// (<see cref="WindowWithoutModel"/>) is one error too, and the header is read on as meant.
    /// </summary>
    public override IToken RecoverInline(AntlrParser recognizer)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        var current = tokens.LT(1);
        var missing = (recognizer.Context, recognizer.GetExpectedTokens()) switch
        {
            (EnergyRuleContext, var expected) when expected.Contains(StreamLexer.BY) => "'by' and an energy method (meter, instant_power or average_power)",
            (AggregateRuleContext, var expected) when expected.Contains(StreamLexer.WINDOW) => "'window' and a window (such as tumbling 10m)",
            _ => null,
        };
        // An aggregate's options may follow (`aggregate M lateness 5m {`); an energy method could
        // not be told from an option written after it.
        var beforeBody = current.Type == StreamLexer.LBRACE || (recognizer.Context is AggregateRuleContext && headerParts.StartsPart(current));
        if (KeywordAsMemberName(recognizer, current) is { } keyword)
            return keyword;
        if (IsBraceForCloser(recognizer, tokens))
        {
            // Taken as the closer it was meant to be, so the block goes on after it.
            if (!InErrorRecoveryMode(recognizer))
            {
                BeginErrorCondition(recognizer);
                ReportUnexpected(recognizer, current, recognizer.GetExpectedTokens(), tokenIsMissing: false);
            }
            recognizer.Consume();
            EndErrorCondition(recognizer);
            return current;
        }
        ThrowIfValueWithoutFunction(recognizer, tokens);
        if (MisspeltKeyword(recognizer, tokens) is { } misspelt)
            return misspelt;
        if (WindowWithoutModel(recognizer, tokens) is { } window)
            return window;
        if (missing == null || !beforeBody || InErrorRecoveryMode(recognizer))
            return base.RecoverInline(recognizer);

        BeginErrorCondition(recognizer);
        var previous = PreviousDefaultToken(tokens, current.TokenIndex);
        diagnostics.Report(DiagnosticDescriptors.MissingToken, LexicalDiagnostics.SpanOf(current), missing, SyntaxErrorMessages.DescribeAfter(previous, recognizer.Context, text));
        return GetMissingSymbol(recognizer);
    }

    /// <summary>
    /// A '}' where a ')' or ']' is missing, that the block goes on after (<c>A = percentile(P, 50 }</c>
    /// and more outputs on the line or the next): a slip of the finger for the closer, not the end
    /// of the block, which would turn the outputs after it into unexpected declarations. A '}' that
    /// the end of the file or a declaration keyword follows does end the block: the closer is missing.
    /// </summary>
    private static bool IsBraceForCloser(AntlrParser recognizer, ITokenStream tokens) =>
        tokens.LA(1) == StreamLexer.RBRACE && tokens.LA(2) != TokenConstants.EOF && !TokenFacts.IsDeclarationKeyword(tokens.LA(2))
        && recognizer.GetExpectedTokens() is var expected && (expected.Contains(StreamLexer.RPAREN) || expected.Contains(StreamLexer.RBRACKET));

    /// <summary>
    /// A declaration keyword as a member's name on its line (<c>pi energy kWh</c>, <c>generic model:
    /// string</c>): one error that says to write the name in backticks, and the keyword is skipped
    /// as the (missing) name. Left to the usual recovery, the keyword would end the model there and
    /// the rest of the model, and every rule using its points, would cascade into errors.
    /// </summary>
    private IToken? KeywordAsMemberName(AntlrParser recognizer, IToken current)
    {
        if (recognizer.Context is not IdentifierContext { Parent: PointDeclarationContext or AttributeDeclarationContext } name
            || !IsKeywordAsMemberName(current) || InErrorRecoveryMode(recognizer))
            return null;
        BeginErrorCondition(recognizer);
        ReportKeywordAsName(current, name.Parent is PointDeclarationContext ? "a point name" : "an attribute name");
        recognizer.Consume();
        return current;
    }

    /// <summary>
    /// A declaration keyword as the name of the member that starts here (<c>pi energy kWh</c>,
    /// <c>attribute job = 1</c>): one error that says to write the name in backticks, and the
    /// keyword is read as the name it was meant to be, as if written so, so that the member is
    /// declared and its uses (<c>`energy`</c>) find it. Done before the member is parsed: the
    /// parser cannot tell a point from an attribute with a keyword in its name's place.
    /// </summary>
    private void DeclareKeywordAsMemberName(RuleContext context, ITokenStream tokens)
    {
        if (context is not ModelDeclarationContext || tokens.LT(2) is not IWritableToken name || !IsKeywordAsMemberName(name))
            return;
        var member = tokens.LT(1);
        if (member.Type != StreamLexer.ATTRIBUTE && !IsPointKind(member))
            return;
        ReportKeywordAsName(name, member.Type == StreamLexer.ATTRIBUTE ? "an attribute name" : "a point name");
        name.Type = StreamLexer.IDENTIFIER;
    }

    private bool IsKeywordAsMemberName(IToken token) => TokenFacts.IsDeclarationKeyword(token.Type) && !lineStarts.StartsLine(token);

    private void ReportKeywordAsName(IToken keyword, string expected) =>
        diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(keyword), SyntaxErrorMessages.DescribeToken(keyword, text), expected,
            $" '{keyword.Text}' is a keyword: write a name spelled like it in backticks, `{keyword.Text}`.");

    protected override IToken? SingleTokenDeletion(AntlrParser recognizer)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        var current = tokens.LT(1);
        // Deleting a brace or a declaration keyword, or a token whose successor is on the
        // next line, would glue unrelated statements together; deleting the keyword of a part
        // of a rule header, or the token before one, would merge two parts. Unless that part's
        // keyword is the one the parser wants here: a word too many before it (`aggregate M M
        // window …`, `energy M Site from E …`) is all that is wrong, and the parts are read as written.
        if (current.Type is TokenConstants.EOF or StreamLexer.LBRACE or StreamLexer.RBRACE
            || TokenFacts.IsDeclarationKeyword(current.Type)
            || lineStarts.StartsLine(tokens.LT(2))
            || headerParts.StartsPart(current)
            || (headerParts.StartsPart(tokens.LT(2)) && !IsKeywordExpected(recognizer, tokens.LA(2))))
        {
            return null;
        }
        return base.SingleTokenDeletion(recognizer);
    }

    /// <summary>The parser wants the keyword of <paramref name="type"/> here, and not as the name it may be elsewhere.</summary>
    private static bool IsKeywordExpected(AntlrParser recognizer, int type) =>
        recognizer.GetExpectedTokens() is var expected && expected.Contains(type) && !expected.Contains(StreamLexer.IDENTIFIER);

    protected override bool SingleTokenInsertion(AntlrParser recognizer)
    {
        var current = ((ITokenStream)recognizer.InputStream).LT(1);
        if ((lineStarts.StartsLine(current) || current.Type == TokenConstants.EOF) && !TokenFacts.IsDeclarationKeyword(current.Type))
        {
            var expected = recognizer.GetExpectedTokens();
            if (expected.Contains(StreamLexer.RPAREN) || expected.Contains(StreamLexer.RBRACKET))
            {
                // Brackets left open at the end of a line: close them all there, even when
                // (inside other brackets) the next line could not follow this one.
                ReportMissingToken(recognizer);
                return true;
            }
            if (current.Type != TokenConstants.EOF && !expected.Contains(StreamLexer.RBRACE))
                return false;
        }
        return base.SingleTokenInsertion(recognizer);
    }

    /// <summary>
    /// Skips to a token in <paramref name="set"/> that starts a line, a part of a rule header
    /// or is structural (a brace, a closing parenthesis or bracket, a comma), or to a
    /// declaration keyword or the end of the file. ANTLR's version stops at the first token
    /// of the set, which for a block is any name, even one in the middle of the broken line.
    /// </summary>
    protected override void ConsumeUntil(AntlrParser recognizer, IntervalSet set)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        while (true)
        {
            var token = tokens.LT(1);
            if (token.Type == TokenConstants.EOF || TokenFacts.IsDeclarationKeyword(token.Type))
                return;
            if (set.Contains(token.Type) && (TokenFacts.IsStructural(token.Type) || lineStarts.StartsLine(token) || headerParts.StartsPart(token)))
                return;
            // The next member on the line of a broken one (`ai A kW range [0, 5, 6] ai B kW`).
            if (StartsMember(token, tokens) && InModel(recognizer.Context))
                return;
            recognizer.Consume();
        }
    }

    /// <summary>
    /// Reports "Unexpected X; expected Y." on the found token, or "Expected Y after Z." when
    /// the parser decided a token is missing or the found token is already on a later line or
    /// starts the next part of a rule header (the missing text belongs at the end of the
    /// previous line or part, and is reported there, so the next part keeps its own errors).
    /// </summary>
    private void ReportUnexpected(AntlrParser recognizer, IToken found, IntervalSet expected, bool tokenIsMissing)
    {
        if (found.Type == StreamLexer.ERROR_CHARACTERS)
            return;
        if (found.Type == TokenConstants.EOF && fileEndsInComment)
            return;

        var tokens = (ITokenStream)recognizer.InputStream;
        if (found.TokenIndex == tokens.LT(1).TokenIndex && IsRangeWrittenWithDots(tokens, 1))
            return;
        var previous = found.TokenIndex > 0 ? PreviousDefaultToken(tokens, found.TokenIndex) : null;
        var afterPrevious = new TextSpan(previous == null ? 0 : previous.StopIndex + 1, 0);

        var openBrace = expected.Contains(StreamLexer.RBRACE) && (found.Type == TokenConstants.EOF || TokenFacts.IsDeclarationKeyword(found.Type))
            ? UnclosedBrace(recognizer.Context)
            : null;
        if (openBrace != null)
        {
            diagnostics.Report(DiagnosticDescriptors.UnclosedBlock, afterPrevious, openBrace.Line);
            return;
        }

        if (recognizer.Context is AlarmRuleContext && previous != null && ReportInAlarmRule(tokens, found, previous))
            return;
        if (found.Type == StreamLexer.RANGE && InAttribute(recognizer.Context))
        {
            // Not the names and strings an attribute could go on with: the range is the mistake.
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.DescribeToken(found, text),
                SyntaxErrorMessages.StrayWordInModel, " An attribute has no range: only points do.");
            return;
        }

        var description = SyntaxErrorMessages.DescribeExpected(expected, recognizer.Context, recognizer.Vocabulary);
        // The found token starts a line or the next part of a rule header: it is not wrong, the
        // text before it is incomplete.
        if (HoppingStepWordHint(tokens, found, recognizer.Context) is { } step)
        {
            // 'every' and 'by' start parts of their own (emit every, by meter), before which the
            // parser takes the 'step' for left out: the word is the step's, written another way.
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.DescribeToken(found, text), description, step);
            return;
        }
        var startsSomethingNew = found.Type == TokenConstants.EOF || (previous != null && (lineStarts.StartsLine(found) || headerParts.StartsPart(found)));
        // A closer missing in the middle of a line is rarely the real mistake (`f(a b)`): say
        // what was found there instead.
        var closerMidLine = !startsSomethingNew && (expected.Contains(StreamLexer.RPAREN) || expected.Contains(StreamLexer.RBRACKET));
        if (previous != null && (startsSomethingNew || (tokenIsMissing && !closerMidLine)))
        {
            var span = startsSomethingNew ? afterPrevious : LexicalDiagnostics.SpanOf(found);
            diagnostics.Report(DiagnosticDescriptors.MissingToken, span, description, SyntaxErrorMessages.DescribeAfter(previous, recognizer.Context, text));
        }
        else
        {
            var hint = QualifiedOutputHint(tokens, found, recognizer.Context)
                ?? SpacedDurationHint(tokens, found, expected) ?? UnitWordHint(tokens, found, expected)
                    ?? ConditionalTimeOfDayHint(tokens, found)
                    ?? SlidingWindowHint(tokens, found, recognizer.Context) ?? FixedWindowHint(tokens, found, recognizer.Context)
                    ?? WindowParameterNameHint(tokens, found) ?? HoppingStepWordHint(tokens, found, recognizer.Context)
                    ?? TumblingStepHint(tokens, found) ?? AlarmConditionJoinHint(tokens, found, recognizer.Context)
                    ?? MergeTriggerHint(tokens, found, recognizer.Context) ?? EnergyOutputHint(tokens, found, recognizer.Context)
                    ?? OneColonQualifierHint(tokens, found, recognizer.Context)
                    ?? (InModel(recognizer.Context) ? UnitHints.QuoteUnit(text, found.StartIndex) : null)
                    ?? SyntaxErrorMessages.KeywordHint(found, expected, recognizer.Vocabulary);
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.DescribeToken(found, text), description, hint);
        }
    }

    /// <summary>
    /// Mistakes in an alarm condition that the parser sees only once the condition ended, where
    /// "expected 'notify' or ','" would not name them: a comparison left out (<c>errors 5</c>) or
    /// written the wrong way round (<c>errors =&gt; 5</c>), a condition left out before
    /// <c>notify</c> (which was read as the metric), a duration written with a space (<c>5 m</c>) or its unit spelt out (<c>5 minutes</c>).
    /// </summary>
    private bool ReportInAlarmRule(ITokenStream tokens, IToken found, IToken previous)
    {
        if (lineStarts.StartsLine(found))
            return false;
        var isName = TokenFacts.IsName(previous.Type);
        if (isName && previous.Type == StreamLexer.NOTIFY && found.Type is StreamLexer.STRING or StreamLexer.UNTERMINATED_STRING
            && PreviousDefaultToken(tokens, previous.TokenIndex) is { Type: StreamLexer.ON or StreamLexer.COMMA } before)
        {
            diagnostics.Report(DiagnosticDescriptors.MissingToken, LexicalDiagnostics.SpanOf(previous), "an alarm condition (such as failed, errors > 100 per 10m or lag > 5m)", SyntaxErrorMessages.DescribeToken(before, text));
            return true;
        }
        if (isName && found.Type is StreamLexer.NUMBER or StreamLexer.DURATION or StreamLexer.MALFORMED_NUMBER or StreamLexer.MINUS)
        {
            diagnostics.Report(DiagnosticDescriptors.MissingToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.Comparison, $"the alarm metric \"{previous.Text}\"");
            return true;
        }
        if (isName && found.Type == StreamLexer.ASSIGN)
        {
            var hint = tokens.LA(2) switch
            {
                StreamLexer.GREATER => " Did you mean \">=\"?",
                StreamLexer.LESS => " Did you mean \"<=\"?",
                _ => " Did you mean \"==\"?",
            };
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.DescribeToken(found, text), SyntaxErrorMessages.Comparison, hint);
            return true;
        }
        if (previous.Type == StreamLexer.NUMBER && DurationUnits.SpacedDurationHint(text, LexicalDiagnostics.SpanOf(previous), LexicalDiagnostics.SpanOf(found)) is { } spaced)
        {
            diagnostics.Report(DiagnosticDescriptors.UnexpectedToken, LexicalDiagnostics.SpanOf(found), SyntaxErrorMessages.DescribeToken(found, text), "'notify' or ','", spaced);
            return true;
        }
        return false;
    }

    private static IToken? PreviousDefaultToken(ITokenStream tokens, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var token = tokens.Get(i);
            if (token.Channel == TokenConstants.DefaultChannel)
                return token;
        }
        return null;
    }

    // The '{' of the innermost enclosing block that has no '}' yet.
    private static IToken? UnclosedBrace(ParserRuleContext? context)
    {
        for (; context != null; context = context.Parent as ParserRuleContext)
        {
            var open = context.GetToken(StreamLexer.LBRACE, 0);
            if (open != null && open.Symbol.TokenIndex >= 0 && context.GetToken(StreamLexer.RBRACE, 0) == null)
                return open.Symbol;
        }
        return null;
    }

    private void SkipToStatement(AntlrParser recognizer, IntervalSet next)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        while (true)
        {
            var token = tokens.LT(1);
            if (token.Type == TokenConstants.EOF || TokenFacts.IsDeclarationKeyword(token.Type))
                return;
            if (next.Contains(token.Type) && IsStatementBoundary(recognizer, token))
                return;
            recognizer.Consume();
        }
    }

    private static bool StartsStatement(ITokenStream tokens)
    {
        var first = tokens.LA(1);
        var second = tokens.LA(2);
        return first is StreamLexer.RBRACE or StreamLexer.ATTRIBUTE or StreamLexer.SLOPE or StreamLexer.SCALE or StreamLexer.DAILY
                or StreamLexer.EVERY or StreamLexer.ROLLOVER or StreamLexer.SPLIT or StreamLexer.RANGE or StreamLexer.MISSING or StreamLexer.LATENESS
            || (TokenFacts.IsName(first) && (second == StreamLexer.ASSIGN || TokenFacts.IsName(second)));
    }

    private bool IsStatementBoundary(AntlrParser recognizer, IToken token) =>
        lineStarts.StartsLine(token) || headerParts.StartsPart(token) || token.Type is StreamLexer.LBRACE or StreamLexer.RBRACE
        || TokenFacts.IsDeclarationKeyword(token.Type) || (recognizer.Context is ModelDeclarationContext && StartsMember(token, (ITokenStream)recognizer.InputStream));

    // In a model, `attribute` and a point kind followed by a name start the next member wherever
    // they are (no unit or type is called ai, di, pi or generic): members on one line survive an
    // error in the one before (`model M { ai P kW # ai R kW }`).
    private static bool StartsMember(IToken token, ITokenStream tokens) =>
        token.TokenIndex == tokens.LT(1).TokenIndex
        && (token.Type == StreamLexer.ATTRIBUTE || (IsPointKind(token) && TokenFacts.IsName(tokens.LA(2))));

    // Skips what is left of a too-deep expression: balanced brackets, up to the closer of a
    // bracket opened before it (consumed when `ownsCloser`), or to the next line at depth 0.
    private void SkipRestOfExpression(AntlrParser recognizer, bool ownsCloser)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        var depth = 0;
        var first = true;
        while (true)
        {
            var token = tokens.LT(1);
            if (token.Type == TokenConstants.EOF || TokenFacts.IsDeclarationKeyword(token.Type))
                return;
            if (TokenFacts.IsCloser(token.Type))
            {
                if (depth == 0)
                {
                    if (ownsCloser && token.Type == StreamLexer.RPAREN)
                        recognizer.Consume();
                    return;
                }
                depth--;
            }
            else if (TokenFacts.IsOpener(token.Type))
            {
                depth++;
            }
            else if (!first && lineStarts.StartsLine(token) && (depth == 0 || StartsStatement(tokens)))
            {
                // Brackets left open are not worth following past a line that plainly
                // starts the next output, member or clause.
                return;
            }
            first = false;
            recognizer.Consume();
        }
    }
}
