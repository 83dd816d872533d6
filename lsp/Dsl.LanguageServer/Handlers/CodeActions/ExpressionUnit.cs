using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// The unit of an expression's value, for a point declared to hold it: the unit of its points and
/// attributes where the expression keeps it (a point itself, a sum or difference of two in the same
/// unit or with a number, abs, round, min, prev…). An expression that makes another quantity of them
/// (a product, a quotient, a square root, a rate) or that mixes units has no unit to propose.
/// </summary>
internal static class ExpressionUnit
{
    /// <summary>The unit, or null when it cannot be known (or the value is a plain number).</summary>
    public static string? Of(ExpressionSyntax expression, ModelSymbol model, IReadOnlyList<ModelSymbol> models) =>
        Quantity(expression, model, models)?.Unit;

    /// <summary>A value whose unit is known: <see cref="Unit"/>, or null for a plain number, which takes the unit of what it is combined with.</summary>
    private sealed record Known(string? Unit);

    private static readonly Known Number = new((string?)null);

    private static Known? Quantity(ExpressionSyntax expression, ModelSymbol model, IReadOnlyList<ModelSymbol> models) => expression switch
    {
        NumberLiteralSyntax => Number,
        ParenthesizedExpressionSyntax parenthesized => Quantity(parenthesized.Expression, model, models),
        UnaryExpressionSyntax { Operator: UnaryOperator.Negate } negated => Quantity(negated.Operand, model, models),
        BinaryExpressionSyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum =>
            Common([sum.Left, sum.Right], model, models),
        ConditionalExpressionSyntax conditional => Common([conditional.WhenTrue, conditional.WhenFalse], model, models),
        NameExpressionSyntax name => Member(name, model, models),
        CallExpressionSyntax call => call.Function.Text switch
        {
            // The value of the first argument, changed in size or sign only: round's second is its digits.
            "abs" or "round" or "floor" or "ceil" or "prev" or "delta" when call.Arguments.Length > 0 => Quantity(call.Arguments[0], model, models),
            // One of the arguments, which must be in one unit.
            "min" or "max" or "clamp" or "coalesce" => Common(call.Arguments, model, models),
            _ => null,
        },
        _ => null,
    };

    /// <summary>The unit the values agree on: numbers take the unit of the others.</summary>
    private static Known? Common(IEnumerable<ExpressionSyntax> values, ModelSymbol model, IReadOnlyList<ModelSymbol> models)
    {
        var common = Number;
        foreach (var value in values)
        {
            var known = Quantity(value, model, models);
            if (known is null || (known.Unit is not null && common.Unit is not null && known.Unit != common.Unit))
                return null;
            if (known.Unit is not null)
                common = known;
        }
        return common;
    }

    /// <summary>A point's or attribute's declared unit; one declared without a unit has none that can be known.</summary>
    private static Known? Member(NameExpressionSyntax name, ModelSymbol model, IReadOnlyList<ModelSymbol> models)
    {
        var owner = name.Model is null ? model : models.FirstOrDefault(m => m.Name == name.Model.Text);
        var unit = owner?.GetMember(name.Name.Text) switch
        {
            PointSymbol point => point.Unit,
            AttributeSymbol attribute => attribute.Unit,
            _ => null,
        };
        return unit is null ? null : new Known(unit);
    }
}
