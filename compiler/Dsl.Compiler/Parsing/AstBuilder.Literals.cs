using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

internal sealed partial class AstBuilder
{
    /// <summary>A name; empty (missing) when the parser could not read one.</summary>
    private NameSyntax Name(IdentifierContext? context, ParserRuleContext parent)
    {
        var token = RealToken(context);
        if (token == null)
            return MissingName(context == null ? MissingIn(parent).Start : SpanOf(context).Start);

        _nameTokens.Add(token.TokenIndex);
        var written = TextOf(token);
        var span = SpanOf(token);
        return token.Type switch
        {
            StreamLexer.QUOTED_IDENTIFIER => new NameSyntax(span, written[1..^1], IsQuoted: true),
            // Reported as DSL1012. Where the name was meant to end is unknown (it runs to the end of
            // the line, "M on P {"), so it is missing: looking that text up would only report it again.
            StreamLexer.UNTERMINATED_QUOTED_IDENTIFIER => new NameSyntax(span, string.Empty, IsQuoted: true),
            _ => new NameSyntax(span, written, IsQuoted: false),
        };
    }

    private static NameSyntax MissingName(int position) => new(new TextSpan(position, 0), string.Empty, IsQuoted: false);

    private NameExpressionSyntax NameExpression(IdentifierContext? context, ParserRuleContext parent)
    {
        var name = Name(context, parent);
        return new NameExpressionSyntax(Cover(SpanOf(parent), name), null, name);
    }

    /// <summary>A string with its escapes resolved; a missing one is empty and zero-length.</summary>
    private StringLiteralSyntax String(StringLiteralContext? context, ParserRuleContext parent)
    {
        var token = RealToken(context);
        if (token == null)
            return new StringLiteralSyntax(new TextSpan(context == null ? MissingIn(parent).Start : SpanOf(context).Start, 0), string.Empty);
        var value = LiteralDecoder.DecodeString(TextOf(token), token.StartIndex, terminated: token.Type == StreamLexer.STRING);
        return new StringLiteralSyntax(SpanOf(token), value);
    }

    /// <summary>
    /// A number literal, negated when <paramref name="minus"/> (written right before it) is
    /// given. A malformed or out-of-range number was reported by the token pass and becomes
    /// a missing expression.
    /// </summary>
    private ExpressionSyntax Number(NumberLiteralContext? context, ParserRuleContext parent, IToken? minus)
    {
        var token = RealToken(context);
        if (token == null)
            return new MissingExpressionSyntax(context == null ? MissingIn(parent) : new TextSpan(SpanOf(context).Start, 0));
        var span = IsReal(minus) && minus != null ? TextSpan.FromBounds(minus.StartIndex, token.StopIndex + 1) : SpanOf(token);
        if (token.Type != StreamLexer.NUMBER || !LiteralDecoder.TryParseNumber(TextOf(token), out var value, out var isInteger))
        {
            // A number run into letters where a number is expected (`O = 5min`) is a bad number:
            // the token pass, which cannot tell, may have called it a bad duration.
            if (token.Type == StreamLexer.MALFORMED_NUMBER)
                diagnostics.Reword(SpanOf(token), DiagnosticDescriptors.InvalidDuration, DiagnosticDescriptors.InvalidNumber, [$"'{TextOf(token)}'", ""]);
            return new MissingExpressionSyntax(span);
        }
        long? exact = isInteger && LiteralDecoder.TryParseInteger(TextOf(token), IsReal(minus), out var integer) ? integer : null;
        return new NumberLiteralSyntax(span, IsReal(minus) ? -value : value, isInteger, exact);
    }

    /// <summary>
    /// A duration; a missing or malformed one (reported) is zero-length, which the binder skips.
    /// A minus before it makes the amount negative, for the binder to report (DSL3058).
    /// </summary>
    private DurationSyntax Duration(DurationLiteralContext? context, ParserRuleContext parent)
    {
        var token = RealToken(context);
        if (token == null || token.Type == StreamLexer.MINUS)
            return MissingDuration(context == null ? MissingIn(parent).Start : SpanOf(context).Start);
        if (token.Type != StreamLexer.DURATION || !LiteralDecoder.TryParseDuration(TextOf(token), out var amount, out var unit))
        {
            // A number run into letters (`10M`, `1d2h`) where a duration is expected is a bad duration:
            // the token pass, which cannot tell, called it a bad number.
            if (token.Type == StreamLexer.MALFORMED_NUMBER)
                diagnostics.Reword(SpanOf(token), DiagnosticDescriptors.InvalidNumber, DiagnosticDescriptors.InvalidDuration, [$"'{TextOf(token)}'", DurationUnits.RunIntoWordHint(TextOf(token))]);
            return MissingDuration(token.StartIndex);
        }
        var minus = context?.MINUS()?.Symbol;
        return IsReal(minus) && minus != null
            ? new DurationSyntax(TextSpan.FromBounds(minus.StartIndex, token.StopIndex + 1), -amount, unit)
            : new DurationSyntax(SpanOf(token), amount, unit);
    }

    private static DurationSyntax MissingDuration(int position) => new(new TextSpan(position, 0), 0, DurationUnit.Seconds);

    private TimeOfDaySyntax? TimeOfDay(TimeOfDayContext context)
    {
        var token = RealToken(context);
        if (token == null)
            return null;
        var (hour, minute) = LiteralDecoder.ParseTimeOfDay(TextOf(token));
        return new TimeOfDaySyntax(SpanOf(token), hour, minute);
    }
}
