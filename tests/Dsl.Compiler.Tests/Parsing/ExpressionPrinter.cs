using System.Globalization;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>
/// Prints an expression tree as a compact prefix form, so a test can state the structure
/// the parser must build in one line: <c>a + b * c</c> is <c>(+ a (* b c))</c>.
/// </summary>
internal static class ExpressionPrinter
{
    public static string Print(SyntaxNode node) => node switch
    {
        BinaryExpressionSyntax binary => $"({Symbol(binary.Operator)} {Print(binary.Left)} {Print(binary.Right)})",
        UnaryExpressionSyntax unary => $"({(unary.Operator == UnaryOperator.Negate ? "neg" : "not")} {Print(unary.Operand)})",
        ParenthesizedExpressionSyntax parenthesized => $"(group {Print(parenthesized.Expression)})",
        NumberLiteralSyntax number => number.Value.ToString(CultureInfo.InvariantCulture),
        StringLiteralSyntax text => $"\"{text.Value}\"",
        BooleanLiteralSyntax boolean => boolean.Value ? "true" : "false",
        InfinityLiteralSyntax infinity => infinity.IsNegative ? "-inf" : "+inf",
        NameExpressionSyntax name => name.Model == null ? name.Name.Text : $"{name.Model.Text}::{name.Name.Text}",
        CallExpressionSyntax call => $"{call.Function.Text}({string.Join(", ", call.Arguments.Select(Print))})",
        InExpressionSyntax @in => $"(in {Print(@in.Operand)} {Print(@in.Interval)})",
        IntervalSyntax interval => $"{(interval.LowerInclusive ? "[" : "(")}{Print(interval.Lower)}, {Print(interval.Upper)}{(interval.UpperInclusive ? "]" : ")")}",
        ConditionalExpressionSyntax conditional => $"({(conditional.IsIfForm ? "if" : "?")} {Print(conditional.Condition)} {Print(conditional.WhenTrue)} {Print(conditional.WhenFalse)})",
        MissingExpressionSyntax => "<missing>",
        _ => node.GetType().Name,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Power => "^",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.And => "&&",
        _ => "||",
    };
}
