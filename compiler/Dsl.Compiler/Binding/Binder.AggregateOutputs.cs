using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private BoundAggregateOutput? BindAggregateOutput(AggregateOutputSyntax syntax, ModelSymbol model, int ruleLine, Dictionary<PointSymbol, int> targets)
    {
        var target = BindTarget(syntax.Target, model, RuleKind.Aggregate, ruleLine, targets);
        var context = BindingContext.Aggregate(model);
        if (syntax.ValueWithoutFunction is { } written)
        {
            ReportValueWithoutFunction(syntax, written, model);
            return null;
        }

        var function = LookupAggregate(syntax.Function);
        if (function is null)
        {
            foreach (var unbound in syntax.Arguments)
                BindExpression(unbound, context);
            if (syntax.Where is not null)
                BindExpression(syntax.Where, context);
            return null;
        }

        var kind = (AggregateFunction)function.Function;
        if (syntax.Arguments.Length != function.MinArguments)
        {
            // An unclosed list is still being typed (and was reported as a syntax error).
            if (syntax.ArgumentsClosed)
                Report(DiagnosticDescriptors.ArgumentCount, syntax.Function.Span, function.Name, DescribeArity(function), DescribeCount(syntax.Arguments.Length), function.Signature);
            foreach (var extra in syntax.Arguments)
                BindExpression(extra, context);
            return null;
        }

        var argument = BindExpression(syntax.Arguments[0], context);
        var input = SingleInput(argument, syntax.Arguments[0], function);
        var resultType = AggregateResultType(kind, argument, syntax.Arguments[0], function);
        var percentile = kind == AggregateFunction.Percentile ? BindPercentile(syntax.Arguments[1], model) : null;
        // A where cut short by a syntax error (`where P = 0`) is only the start of the condition
        // meant: what it reads is checked, its type is not.
        var whereCutShort = syntax.IsCutShort && syntax.Fill is null;
        var where = BindWhere(syntax.Where, context, input, whereCutShort);
        var fill = BindFill(syntax.Fill, kind, function, model);

        if (target is not null && target.Type != DataType.Error)
        {
            var valid = true;
            var fits = kind == AggregateFunction.Count ? target.Type.IsNumeric() : resultType.IsAssignableTo(target.Type);
            if (resultType != DataType.Error && !fits)
            {
                Report(DiagnosticDescriptors.ValueTypeMismatch, syntax.Target.Span, "point", target.Name, target.Type.ToKeyword(), resultType.ToKeyword());
                valid = false;
            }

            // The fill is written to the target as it is: whether it fits depends on the target
            // alone, so it is checked even when the argument or the result type has an error.
            if (fill is double value && syntax.Fill is not null && target.Type.IsNumeric() && !FillFits(value, target.Type))
            {
                Report(DiagnosticDescriptors.FillDoesNotFit, syntax.Fill.Span, WrittenFill(syntax.Fill, value), target.Name, target.Type.ToKeyword(), FillRange(target.Type));
                valid = false;
            }
            if (!valid)
                return null;
        }

        if (target is null || input is null || resultType == DataType.Error || where is { Type: DataType.Error } || whereCutShort
            || (kind == AggregateFunction.Percentile && percentile is null) || (syntax.Fill is not null && fill is null))
            return null;
        return new BoundAggregateOutput(target, kind, argument, input, percentile, where, fill, resultType);
    }

    /// <summary>
    /// One error for a value written without an aggregate function, which the parser left to the
    /// binder: a point (<c>Out = Power * 2</c>) is told that an aggregate output applies a function to
    /// it, with the call to write; a function without its argument (<c>Out = count</c>) gets the '('
    /// it lacks; any other word is no aggregate function.
    /// </summary>
    private void ReportValueWithoutFunction(AggregateOutputSyntax syntax, TextSpan value, ModelSymbol model)
    {
        var word = syntax.Function;
        if (word.IsMissing)
            return;
        if (BuiltinFunctions.AggregateFunctions.TryGetValue(word.Text, out var function))
        {
            AddReference(function, word.Span);
            Report(DiagnosticDescriptors.MissingToken, new TextSpan(word.Span.End, 0), "'('", $"the aggregate function \"{word.Text}\"");
            return;
        }
        if (model.GetPoint(word.Text) is not { } point)
        {
            LookupAggregate(word);
            return;
        }

        AddReference(point, word.Span);
        var call = $"{FunctionFor(point.Type)}({_source.ToString(value)})";
        var output = syntax.Target.IsMissing ? call : $"{ReservedWords.Quote(syntax.Target.Text)} = {call}";
        Report(DiagnosticDescriptors.UnknownAggregateFunction, word.Span, word.Text,
            new Hint($" It is a point of model \"{model.Name}\": an aggregate output applies an aggregate function to a point, as in \"{output}\".",
                new TextReplacement(value, call)));
    }

    /// <summary>A function that takes a point of <paramref name="type"/>, for an example: the average of a number.</summary>
    private static string FunctionFor(DataType type) => type switch
    {
        DataType.Bool => "last",
        DataType.String => "count",
        _ => "avg",
    };

    private FunctionSymbol? LookupAggregate(NameSyntax name)
    {
        if (name.IsMissing)
            return null;
        if (BuiltinFunctions.AggregateFunctions.TryGetValue(name.Text, out var function))
        {
            AddReference(function, name.Span);
            return function;
        }

        var names = BuiltinFunctions.Aggregate.Select(f => f.Name).ToArray();
        Report(DiagnosticDescriptors.UnknownAggregateFunction, name.Span, name.Text, FunctionSynonyms.AggregateHint(name.Text, names));
        return null;
    }

    /// <summary>The one point an aggregate argument reads; anything else is reported.</summary>
    private PointSymbol? SingleInput(BoundExpression argument, ExpressionSyntax syntax, FunctionSymbol function)
    {
        if (argument.Type == DataType.Error)
            return null;
        var points = argument.ReadPoints();
        if (points.Count == 1)
            return points[0];
        var read = points.Count == 0 ? "no point" : string.Join(" and ", points.Select(p => $"\"{p.Name}\""));
        Report(DiagnosticDescriptors.AggregateArgumentPoints, syntax.Span, function.Name, read);
        return null;
    }

    private DataType AggregateResultType(AggregateFunction kind, BoundExpression argument, ExpressionSyntax syntax, FunctionSymbol function)
    {
        var type = argument.Type;
        if (type == DataType.Error)
            return DataType.Error;
        switch (kind)
        {
            case AggregateFunction.Count:
                return DataType.Long;
            case AggregateFunction.First or AggregateFunction.Last when type != DataType.String:
                return type;
            case AggregateFunction.First or AggregateFunction.Last:
                // Windows hold numbers: a bool is 0 or 1, but a text has no place in them.
                Report(DiagnosticDescriptors.ArgumentType, syntax.Span, 1, function.Name, type.ToKeyword(), "a number or a bool");
                return DataType.Error;
        }

        if (!type.IsNumeric())
        {
            Report(DiagnosticDescriptors.ArgumentType, syntax.Span, 1, function.Name, type.ToKeyword(), "a number");
            return DataType.Error;
        }

        return kind switch
        {
            AggregateFunction.Min or AggregateFunction.Max => type,
            // Sums and differences of integers stay exact in long.
            AggregateFunction.Sum or AggregateFunction.Spread or AggregateFunction.Delta => type == DataType.Double ? DataType.Double : DataType.Long,
            _ => DataType.Double,
        };
    }

    private double? BindPercentile(ExpressionSyntax syntax, ModelSymbol model)
    {
        var bound = BindExpression(syntax, BindingContext.Constants(model, "The percentile"));
        if (bound.Type == DataType.Error)
            return null;
        if (ConstantFolder.TryEvaluate(bound) is double p && p >= 0 && p <= 100)
            return p;
        Report(DiagnosticDescriptors.PercentileInvalid, syntax.Span);
        return null;
    }

    /// <summary>
    /// A where condition: bool (unless <paramref name="cutShort"/>, when the type of what was
    /// written so far says nothing), reading at most the aggregated point (there is no other
    /// value at a record's time).
    /// </summary>
    private BoundExpression? BindWhere(ExpressionSyntax? syntax, BindingContext context, PointSymbol? input, bool cutShort)
    {
        if (syntax is null)
            return null;
        var where = cutShort ? BindExpression(syntax, context) : BindCondition(syntax, context);
        if (where.Type == DataType.Error || input is null)
            return where;
        var other = where.ReadPoints().FirstOrDefault(p => p != input);
        if (other is null)
            return where;
        Report(DiagnosticDescriptors.WhereReadsOtherPoint, syntax.Span, other.Name, input.Name);
        return BoundErrorExpression.Instance;
    }

    // The fill is held as a double, as every value is in rules (runtime.md): the largest whole
    // double below 2^63 is the largest fill a long point can take, 1023 below long.MaxValue.
    private const double LargestLongFill = 9223372036854774784;

    private static bool FillFits(double value, DataType target) => target switch
    {
        DataType.Long => value == Math.Floor(value) && value >= long.MinValue && value <= LargestLongFill,
        DataType.Int => value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue,
        _ => double.IsFinite(value),
    };

    private static string FillRange(DataType target) => target switch
    {
        DataType.Long => "a whole number from -9223372036854775808 to 9223372036854774784 (values are held as doubles)",
        DataType.Int => "a whole number from -2147483648 to 2147483647",
        _ => "a finite number",
    };

    /// <summary>The fill as written when it is a number (a double would show 9223372036854775807 as 9.223372036854776E+18), else its value.</summary>
    private string WrittenFill(ExpressionSyntax fill, double value)
    {
        var written = _source.ToString(fill.Span);
        if (double.TryParse(written, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            return written;
        return double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    private double? BindFill(ExpressionSyntax? syntax, AggregateFunction kind, FunctionSymbol function, ModelSymbol model)
    {
        // A fill without its value was reported by the parser; "remove the fill" at the same
        // place would contradict "expected an expression after 'fill'".
        if (syntax is null or MissingExpressionSyntax)
            return null;
        if (!kind.TakesFill())
        {
            Report(DiagnosticDescriptors.FillOnlyOnCount, syntax.Span, function.Name);
            return null;
        }
        var bound = BindExpression(syntax, BindingContext.Constants(model, "fill"));
        if (bound.Type == DataType.Error)
            return null;
        if (ConstantFolder.TryEvaluate(bound) is double value)
            return value;
        Report(DiagnosticDescriptors.NumberRequired, syntax.Span, "The fill value", bound.Type.ToKeyword());
        return null;
    }
}
