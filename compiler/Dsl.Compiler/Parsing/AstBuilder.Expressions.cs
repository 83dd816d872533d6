using System.Collections.Immutable;
using Antlr4.Runtime;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.Grammar;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

internal sealed partial class AstBuilder
{
    // Outermost expressions already reported as too deep (by the parser or here), by first token.
    private readonly HashSet<int> _tooDeep = [];

    /// <summary>An expression in a declaration (the root of an expression tree).</summary>
    /// <remarks>
    /// The depth is the levels of nesting around an expression, as DSL1008 counts them: the
    /// root's is 0, and the x of 256 parentheses, or an operand of the innermost of 256 chained
    /// operators, is 256 levels deep, which the limit allows.
    /// </remarks>
    private ExpressionSyntax Expression(ExpressionContext? context, ParserRuleContext parent) =>
        Expression(context, parent, depth: 0);

    private ExpressionSyntax Expression(ExpressionContext? context, ParserRuleContext parent, int depth)
    {
        if (context == null)
            return new MissingExpressionSyntax(MissingIn(parent));
        if (depth > ParseLimits.MaxExpressionDepth)
            return TooDeep(context);

        var own = SpanOf(context);
        switch (context)
        {
            case ParenthesizedExpressionContext parenthesized:
            {
                var inner = Expression(parenthesized.expression(), parenthesized, depth + 1);
                return new ParenthesizedExpressionSyntax(Cover(own, inner), inner);
            }
            case CallExpressionContext call:
            {
                var function = Name(call.function, call);
                var arguments = Arguments(call.arguments(), depth + 1);
                return new CallExpressionSyntax(Cover(Cover(own, function), arguments), function, arguments, IsReal(call.RPAREN()?.Symbol));
            }
            case QualifiedNameExpressionContext qualified:
            {
                var model = Name(qualified.model, qualified);
                var name = Name(qualified.name, qualified);
                return new NameExpressionSyntax(Cover(own, model, name), model, name);
            }
            case NameExpressionContext name:
                return NameExpression(name.identifier(), name);
            case NumberExpressionContext number:
                return Number(number.numberLiteral(), number, minus: null);
            case StringExpressionContext text:
                // An unclosed string (reported) ran to the end of the line: what was meant is unknown,
                // so it has no type to check against the output or the condition.
                return RealToken(text.stringLiteral()) is { Type: StreamLexer.UNTERMINATED_STRING }
                    ? new MissingExpressionSyntax(own)
                    : String(text.stringLiteral(), text);
            case BooleanExpressionContext boolean:
                return new BooleanLiteralSyntax(own, boolean.TRUE() != null);
            case UnaryExpressionContext unary:
                return Unary(unary, depth);
            case PowerExpressionContext power:
                return Binary(power, power.left, power.op, power.right, depth);
            case MultiplicativeExpressionContext multiplicative:
                return Binary(multiplicative, multiplicative.left, multiplicative.op, multiplicative.right, depth);
            case AdditiveExpressionContext additive:
                return Binary(additive, additive.left, additive.op, additive.right, depth);
            case RelationalExpressionContext relational:
                return Binary(relational, relational.left, relational.op, relational.right, depth);
            case EqualityExpressionContext equality:
                return Binary(equality, equality.left, equality.op, equality.right, depth);
            case AndExpressionContext and:
                return Binary(and, and.left, and.op, and.right, depth);
            case OrExpressionContext or:
                return Binary(or, or.left, or.op, or.right, depth);
            case InExpressionContext @in:
            {
                // An interval left open (its bracket was reported missing) makes the test a guess:
                // it is not checked again, as a bool or otherwise.
                if (@in.interval() is not { } parsed || !IsReal(parsed.close) || parsed.exception != null)
                    return new MissingExpressionSyntax(own);
                var operand = Expression(@in.operand, @in, depth + 1);
                var interval = Interval(@in.interval(), @in, depth + 1);
                return new InExpressionSyntax(Cover(own, operand, interval), operand, interval);
            }
            case ConditionalExpressionContext conditional:
                return Conditional(conditional, conditional.condition, conditional.whenTrue, conditional.whenFalse, isIfForm: false, depth);
            case IfExpressionContext ifForm:
                return Conditional(ifForm, ifForm.condition, ifForm.whenTrue, ifForm.whenFalse, isIfForm: true, depth);
            default:
                // The rule failed before it could tell which expression this is (reported).
                return new MissingExpressionSyntax(new TextSpan(own.Start, 0));
        }
    }

    private ImmutableArray<ExpressionSyntax> Arguments(ArgumentsContext? context, int depth) =>
        context == null
            ? []
            : context.expression().Select(argument => Expression(argument, context, depth)).ToImmutableArray();

    private ExpressionSyntax Unary(UnaryExpressionContext context, int depth)
    {
        // `-3.5` is a number: a minus written right against a number literal folds into it.
        if (IsReal(context.op) && context.op.Type == StreamLexer.MINUS
            && context.operand is NumberExpressionContext number
            && RealToken(number.numberLiteral()) is { Type: StreamLexer.NUMBER } digits
            && digits.StartIndex == context.op.StopIndex + 1)
        {
            return Number(number.numberLiteral(), number, context.op);
        }

        var op = context.op?.Type == StreamLexer.NOT ? UnaryOperator.Not : UnaryOperator.Negate;
        var operand = Expression(context.operand, context, depth + 1);
        return new UnaryExpressionSyntax(Cover(SpanOf(context), operand), op, operand);
    }

    private ExpressionSyntax Binary(ParserRuleContext context, ExpressionContext? leftContext, IToken? opToken, ExpressionContext? rightContext, int depth)
    {
        var left = Expression(leftContext, context, depth + 1);
        var right = Expression(rightContext, context, depth + 1);
        var op = opToken?.Type switch
        {
            StreamLexer.CARET => BinaryOperator.Power,
            StreamLexer.STAR => BinaryOperator.Multiply,
            StreamLexer.SLASH => BinaryOperator.Divide,
            StreamLexer.PERCENT => BinaryOperator.Modulo,
            StreamLexer.PLUS => BinaryOperator.Add,
            StreamLexer.MINUS => BinaryOperator.Subtract,
            StreamLexer.LESS => BinaryOperator.Less,
            StreamLexer.LESS_EQUAL => BinaryOperator.LessOrEqual,
            StreamLexer.GREATER => BinaryOperator.Greater,
            StreamLexer.GREATER_EQUAL => BinaryOperator.GreaterOrEqual,
            StreamLexer.EQUAL => BinaryOperator.Equal,
            StreamLexer.NOT_EQUAL => BinaryOperator.NotEqual,
            StreamLexer.AND => BinaryOperator.And,
            _ => BinaryOperator.Or,
        };
        var opSpan = IsReal(opToken) && opToken != null ? SpanOf(opToken) : new TextSpan(left.Span.End, 0);
        return new BinaryExpressionSyntax(Cover(SpanOf(context), left, right), left, op, opSpan, right);
    }

    private ConditionalExpressionSyntax Conditional(ParserRuleContext context, ExpressionContext? condition, ExpressionContext? whenTrue, ExpressionContext? whenFalse, bool isIfForm, int depth)
    {
        var test = Expression(condition, context, depth + 1);
        var yes = Expression(whenTrue, context, depth + 1);
        var no = Expression(whenFalse, context, depth + 1);
        return new ConditionalExpressionSyntax(Cover(SpanOf(context), test, yes, no), test, yes, no, isIfForm);
    }

    /// <summary><c>[0, 100)</c>, <c>(-inf, 50]</c>. A missing bracket counts as inclusive; it was reported.</summary>
    private IntervalSyntax Interval(IntervalContext? context, ParserRuleContext parent, int depth)
    {
        if (context == null)
        {
            var at = MissingIn(parent);
            return new IntervalSyntax(at, true, new MissingExpressionSyntax(at), new MissingExpressionSyntax(at), true);
        }
        var lowerInclusive = !(IsReal(context.open) && context.open.Type == StreamLexer.LPAREN);
        var upperInclusive = !(IsReal(context.close) && context.close.Type == StreamLexer.RPAREN);
        var lower = Bound(context.lower, context, depth + 1);
        var upper = Bound(context.upper, context, depth + 1);
        return new IntervalSyntax(Cover(SpanOf(context), lower, upper), lowerInclusive, lower, upper, upperInclusive);
    }

    private ExpressionSyntax Bound(IntervalBoundContext? context, ParserRuleContext parent, int depth) => context switch
    {
        InfiniteBoundContext infinity => new InfinityLiteralSyntax(SpanOf(infinity), IsReal(infinity.sign) && infinity.sign.Type == StreamLexer.MINUS),
        FiniteBoundContext finite => Expression(finite.expression(), finite, depth),
        { } broken => new MissingExpressionSyntax(new TextSpan(SpanOf(broken).Start, 0)),
        null => new MissingExpressionSyntax(MissingIn(parent)),
    };

    // Reported once per outermost expression, at its first token, where the parser reports
    // its own nesting error too (the collector keeps one of them).
    private MissingExpressionSyntax TooDeep(ExpressionContext context)
    {
        var root = RuleContexts.OutermostExpression(context);
        if (_tooDeep.Add(root.Start.TokenIndex))
            diagnostics.Report(DiagnosticDescriptors.NestingTooDeep, SpanOf(root.Start), ParseLimits.MaxExpressionDepth);
        return new MissingExpressionSyntax(SpanOf(context));
    }
}
