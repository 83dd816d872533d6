using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private BoundExpression BindCall(CallExpressionSyntax syntax, BindingContext context)
    {
        var name = syntax.Function;
        if (name.IsMissing)
        {
            BindArgumentsForDiagnostics(syntax, context);
            return _error;
        }

        if (!BuiltinFunctions.ExpressionFunctions.TryGetValue(name.Text, out var function))
        {
            if (BuiltinFunctions.AggregateFunctions.TryGetValue(name.Text, out var aggregate))
            {
                AddReference(aggregate, name.Span);
                Report(DiagnosticDescriptors.AggregateFunctionInExpression, name.Span, name.Text);
            }
            else
            {
                Report(DiagnosticDescriptors.UnknownFunction, name.Span, name.Text, FunctionSynonyms.ExpressionHint(name.Text, BuiltinFunctions.ExpressionFunctions.Keys));
            }
            BindArgumentsForDiagnostics(syntax, context);
            return _error;
        }

        AddReference(function, name.Span);
        var count = syntax.Arguments.Length;
        if (count < function.MinArguments || count > function.MaxArguments)
        {
            // An unclosed list is still being typed (and was reported as a syntax error).
            if (syntax.ArgumentsClosed)
                Report(DiagnosticDescriptors.ArgumentCount, syntax.Span, function.Name, DescribeArity(function), DescribeCount(count), function.Signature);
            BindArgumentsForDiagnostics(syntax, context);
            return _error;
        }

        switch (function.Function)
        {
            case HistoryFunction history:
                return BindHistoryCall(syntax, function, history, context);
            case TimeFunction time:
                if (!context.AllowTime)
                {
                    Report(DiagnosticDescriptors.ConstantRequired, syntax.Span, context.Usage, context.Allowed, $"{function.Name}()", "a time function");
                    return _error;
                }
                return new BoundTimeCall(time);
            case ScalarFunction scalar:
                return BindScalarCall(syntax, function, scalar, context);
            default:
                return _error;
        }
    }

    private void BindArgumentsForDiagnostics(CallExpressionSyntax syntax, BindingContext context)
    {
        foreach (var argument in syntax.Arguments)
            BindExpression(argument, context);
    }

    private BoundExpression BindHistoryCall(CallExpressionSyntax syntax, FunctionSymbol function, HistoryFunction history, BindingContext context)
    {
        if (!context.AllowHistory)
        {
            if (context.AllowPoints)
                Report(DiagnosticDescriptors.HistoryOutsideMerge, syntax.Function.Span, function.Name);
            else
                Report(DiagnosticDescriptors.ConstantRequired, syntax.Span, context.Usage, context.Allowed, $"{function.Name}()", "a history function");
            return _error;
        }

        var argument = syntax.Arguments[0];
        while (argument is ParenthesizedExpressionSyntax parenthesized)
            argument = parenthesized.Expression;
        if (argument is MissingExpressionSyntax)
            return _error;
        if (argument is not NameExpressionSyntax name)
        {
            Report(DiagnosticDescriptors.HistoryArgumentNotPoint, argument.Span, function.Name);
            BindExpression(argument, context);
            return _error;
        }

        var bound = BindExpression(name, context);
        if (bound is BoundAttributeReference attribute)
        {
            // A name that is an attribute is the same mistake as an attribute trigger or output.
            Report(DiagnosticDescriptors.NotAPoint, argument.Span, attribute.Attribute.Name, attribute.Attribute.Model.Name, $"the argument of {function.Name}()");
            return _error;
        }
        if (bound is not BoundPointReference point)
            return _error;

        var type = history switch
        {
            HistoryFunction.Prev => point.Type,
            HistoryFunction.Delta => point.Type,
            _ => DataType.Double,
        };
        if (history != HistoryFunction.Prev && !point.Type.IsNumeric())
        {
            if (point.Type != DataType.Error)
                Report(DiagnosticDescriptors.ArgumentType, argument.Span, 1, function.Name, point.Type.ToKeyword(), "a numeric point");
            return _error;
        }
        return new BoundHistoryCall(history, point.Point, type);
    }

    private BoundExpression BindScalarCall(CallExpressionSyntax syntax, FunctionSymbol function, ScalarFunction scalar, BindingContext context)
    {
        var arguments = syntax.Arguments.Select(a => BindExpression(a, context)).ToArray();
        if (arguments.Any(a => a.Type == DataType.Error))
            return _error;

        switch (scalar)
        {
            case ScalarFunction.Abs:
                // abs of the smallest int or long has no value of its type: an error on a constant, as for negation.
                return RequireNumbers(syntax, function, arguments)
                    ? CheckConstantOverflow(syntax, new BoundCallExpression(scalar, [.. arguments], arguments[0].Type))
                    : _error;

            case ScalarFunction.Sign:
                return RequireNumbers(syntax, function, arguments)
                    ? new BoundCallExpression(scalar, [.. arguments], DataType.Int)
                    : _error;

            case ScalarFunction.Sqrt or ScalarFunction.Exp or ScalarFunction.Ln or ScalarFunction.Log10
                or ScalarFunction.Floor or ScalarFunction.Ceil or ScalarFunction.Pow:
                return RequireNumbers(syntax, function, arguments)
                    ? new BoundCallExpression(scalar, [.. arguments.Select(a => ConvertTo(a, DataType.Double))], DataType.Double)
                    : _error;

            case ScalarFunction.IsNan:
                return RequireNumbers(syntax, function, arguments)
                    ? new BoundCallExpression(scalar, [ConvertTo(arguments[0], DataType.Double)], DataType.Bool)
                    : _error;

            case ScalarFunction.Round:
            {
                var ok = RequireNumbers(syntax, function, arguments[..1]);
                if (arguments.Length == 2 && arguments[1].Type != DataType.Int)
                {
                    Report(DiagnosticDescriptors.ArgumentType, syntax.Arguments[1].Span, 2, function.Name, arguments[1].Type.ToKeyword(), "int (a number of decimal digits)");
                    ok = false;
                }
                if (!ok)
                    return _error;
                return new BoundCallExpression(scalar, [ConvertTo(arguments[0], DataType.Double), .. arguments[1..]], DataType.Double);
            }

            case ScalarFunction.Min or ScalarFunction.Max or ScalarFunction.Clamp:
            {
                if (!RequireNumbers(syntax, function, arguments))
                    return _error;
                var type = arguments.Select(a => a.Type).Aggregate(DataTypeFacts.WiderNumeric);
                return new BoundCallExpression(scalar, [.. arguments.Select(a => ConvertTo(a, type))], type);
            }

            default:
            {
                // coalesce: every argument of one type, numbers widened to the widest. Each
                // argument that does not fit the ones before it is reported, not only the first.
                var type = arguments[0].Type;
                var ok = true;
                for (var i = 1; i < arguments.Length; i++)
                {
                    var next = arguments[i].Type;
                    if (next == type)
                        continue;
                    if (next.IsNumeric() && type.IsNumeric())
                    {
                        type = DataTypeFacts.WiderNumeric(type, next);
                        continue;
                    }
                    Report(DiagnosticDescriptors.ArgumentType, syntax.Arguments[i].Span, i + 1, function.Name, next.ToKeyword(), $"{type.ToKeyword()} like the arguments before it");
                    ok = false;
                }
                return ok ? new BoundCallExpression(scalar, [.. arguments.Select(a => ConvertTo(a, type))], type) : _error;
            }
        }
    }

    /// <summary>Whether every argument is a number; each one that is not is reported.</summary>
    private bool RequireNumbers(CallExpressionSyntax syntax, FunctionSymbol function, IReadOnlyList<BoundExpression> arguments)
    {
        var ok = true;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Type.IsNumeric())
                continue;
            Report(DiagnosticDescriptors.ArgumentType, syntax.Arguments[i].Span, i + 1, function.Name, arguments[i].Type.ToKeyword(), "a number");
            ok = false;
        }
        return ok;
    }

    private static string DescribeArity(FunctionSymbol function) =>
        function.MaxArguments == int.MaxValue ? $"{function.MinArguments} or more arguments"
        : function.MinArguments == function.MaxArguments ? Plural(function.MinArguments, "argument")
        : $"{function.MinArguments} or {Plural(function.MaxArguments, "argument")}";

    private static string DescribeCount(int count) => count == 1 ? "1 was" : $"{count} were";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
