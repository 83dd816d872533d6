using Dsl.Naming;
using System.Globalization;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Parsing;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

internal sealed partial class Binder
{
    private static readonly BoundExpression _error = BoundErrorExpression.Instance;

    private BoundExpression BindExpression(ExpressionSyntax syntax, BindingContext context)
    {
        var bound = BindExpressionCore(syntax, context);
        _semantic.ExpressionTypes[syntax] = bound.Type;
        return bound;
    }

    private BoundExpression BindExpressionCore(ExpressionSyntax syntax, BindingContext context)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return BindExpression(parenthesized.Expression, context);
            case NumberLiteralSyntax number:
                return BindNumber(number);
            case BooleanLiteralSyntax boolean:
                return new BoundLiteral(boolean.Value, DataType.Bool);
            case StringLiteralSyntax text:
                return new BoundLiteral(text.Value, DataType.String);
            case InfinityLiteralSyntax:
                // The grammar has inf only as an interval bound (BindBound); anywhere else the parser reported it.
                return _error;
            case NameExpressionSyntax name:
                return BindName(name, context);
            case UnaryExpressionSyntax unary:
                return BindUnary(unary, context);
            case BinaryExpressionSyntax binary:
                return BindBinary(binary, context);
            case ConditionalExpressionSyntax conditional:
                return BindConditional(conditional, context);
            case InExpressionSyntax test:
                return BindIn(test, context);
            case CallExpressionSyntax call:
                return BindCall(call, context);
            default:
                // MissingExpressionSyntax: the parser reported it.
                return _error;
        }
    }

    private static BoundLiteral BindNumber(NumberLiteralSyntax number) => number.Integer switch
    {
        long exact when exact >= int.MinValue && exact <= int.MaxValue => new BoundLiteral((int)exact, DataType.Int),
        long exact => new BoundLiteral(exact, DataType.Long),
        // An integer too large for a long is read as a double, like a number with a fraction.
        null => new BoundLiteral(number.Value, DataType.Double),
    };

    /// <summary>A bare name or <c>Model::Name</c>: a point or an attribute of the context's model.</summary>
    private BoundExpression BindName(NameExpressionSyntax syntax, BindingContext context)
    {
        if (syntax.Name.IsMissing || syntax.Model is { IsMissing: true })
            return _error;
        if (!CheckQualifier(syntax.Model, syntax.Name, context.Model))
            return _error;

        var member = context.Model.GetMember(syntax.Name.Text);
        if (member is null)
        {
            ReportUnknownName(syntax.Name, context);
            return _error;
        }

        AddReference(member, syntax.Name.Span);
        switch (member)
        {
            case PointSymbol point when context.AllowPoints:
                MarkUsed(point);
                return new BoundPointReference(point);
            case AttributeSymbol attribute when context.AllowAttributes:
                return new BoundAttributeReference(attribute);
            default:
                Report(DiagnosticDescriptors.ConstantRequired, syntax.Span, context.Usage, context.Allowed, syntax.Name.Text, member is PointSymbol ? "a point" : "an attribute");
                return _error;
        }
    }

    private void ReportUnknownName(NameSyntax name, BindingContext context)
    {
        var model = context.Model;
        if (context.AllowPoints)
        {
            // An output of the rule is no name it could mean: a rule cannot read what it writes.
            var readable = model.Members.Where(member => !_namesWrittenByRule.Contains(member.Name));
            var fallback = $" Declare it in model \"{model.Name}\" or correct the name.";
            // Where the model has attributes the name may have meant one, so the message says
            // either, and the suggestion which it is; without any, it can only be a point.
            if (model.Attributes.IsEmpty)
                Report(DiagnosticDescriptors.UnknownPoint, name.Span, "point", name.Text, model.Name, DeclaredNameHint.For(name.Text, readable.Select(m => m.Name), fallback));
            else
                Report(DiagnosticDescriptors.UnknownPoint, name.Span, "point or attribute", name.Text, model.Name, DeclaredNameHint.ForMember(name.Text, readable, fallback));
        }
        else if (context.AllowAttributes)
        {
            var hint = DeclaredNameHint.For(name.Text, model.Attributes.Select(a => a.Name), $" Declare it in model \"{model.Name}\" or correct the name.");
            Report(DiagnosticDescriptors.UnknownAttribute, name.Span, name.Text, model.Name, hint);
        }
        else
        {
            // While a model's members are being bound the model has none yet; say what the name is from its syntax.
            var what = _declaringMembers?.GetValueOrDefault(name.Text) ?? "an unknown name";
            Report(DiagnosticDescriptors.ConstantRequired, name.Span, context.Usage, context.Allowed, name.Text, what);
        }
    }

    /// <summary>
    /// <c>Model::</c> must name the rule's own model. Returns false (after reporting) when it
    /// names another; a missing qualifier is fine.
    /// </summary>
    private bool CheckQualifier(NameSyntax? qualifier, NameSyntax name, ModelSymbol model)
    {
        if (qualifier is null)
            return true;
        if (qualifier.IsMissing)
            return false;
        if (_models.TryGetValue(qualifier.Text, out var named))
            AddReference(named, qualifier.Span);
        if (qualifier.Text == model.Name)
            return true;
        if (named is null)
        {
            // Not another model, but no model at all: a misspelling, most likely of the rule's own.
            var fallback = $" This rule works on model \"{model.Name}\"; write \"{ReservedWords.Quote(model.Name)}::{ReservedWords.Quote(name.Text)}\" or just \"{ReservedWords.Quote(name.Text)}\".";
            Report(DiagnosticDescriptors.UnknownModel, qualifier.Span, qualifier.Text, DeclaredNameHint.For(qualifier.Text, _models.Keys, fallback));
            return false;
        }
        Report(DiagnosticDescriptors.QualifierNotRuleModel, qualifier.Span, qualifier.Text, name.Text, model.Name, OwnModelHint(name.Text, model, named));
        return false;
    }

    /// <summary>
    /// What to write instead of <c>Other::Name</c>: the rule's own point of that name, when its
    /// model has one. When it has none, offering it would only trade this error for an unknown
    /// point, so the hint says so, with a near name of the rule's model or the model to use.
    /// The names to write go in backticks where they need them; the names as written do not.
    /// </summary>
    private static string OwnModelHint(string name, ModelSymbol model, ModelSymbol named)
    {
        if (model.GetMember(name) is not null)
            return $"; write \"{ReservedWords.Quote(model.Name)}::{ReservedWords.Quote(name)}\" or just \"{ReservedWords.Quote(name)}\".";
        var lacks = $", and \"{model.Name}\" has no \"{name}\"";
        var closest = NameSuggester.FindClosest(name, model.Members.Select(m => m.Name));
        return closest is not null
            ? $"{lacks}. Did you mean \"{ReservedWords.Quote(closest)}\"?"
            : $"{lacks}: read it in a rule on model \"{ReservedWords.Quote(named.Name)}\".";
    }

    private BoundExpression BindUnary(UnaryExpressionSyntax syntax, BindingContext context)
    {
        var operand = BindExpression(syntax.Operand, context);
        if (operand.Type == DataType.Error)
            return _error;

        var ok = syntax.Operator == UnaryOperator.Negate ? operand.Type.IsNumeric() : operand.Type == DataType.Bool;
        if (!ok)
        {
            var (text, hint) = syntax.Operator == UnaryOperator.Negate ? ("-", " It negates numbers.") : ("!", " It negates bool values.");
            Report(DiagnosticDescriptors.UnaryOperatorTypes, syntax.Span, text, operand.Type.ToKeyword(), hint);
            return _error;
        }

        // Fold a negated literal so that "-3" is a constant like "3".
        if (syntax.Operator == UnaryOperator.Negate && operand is BoundLiteral literal)
        {
            return literal.Value switch
            {
                int i when i != int.MinValue => new BoundLiteral(-i, DataType.Int),
                long l when l != long.MinValue => new BoundLiteral(-l, DataType.Long),
                double d => new BoundLiteral(-d, DataType.Double),
                _ => CheckConstantOverflow(syntax, new BoundUnaryExpression(syntax.Operator, operand)),
            };
        }
        return CheckConstantOverflow(syntax, new BoundUnaryExpression(syntax.Operator, operand));
    }

    /// <summary>
    /// Integer arithmetic wraps around at run time (runtime.md, section 5); on constants alone the
    /// wrap is known here, and a constant that silently changes sign is never what was meant, so
    /// it is an error instead (DSL3059).
    /// </summary>
    private BoundExpression CheckConstantOverflow(ExpressionSyntax syntax, BoundExpression bound)
    {
        if (ConstantFolder.TryEvaluateInteger(bound) is not { } value)
            return bound;
        var (min, max) = bound.Type == DataType.Int ? ((Int128)int.MinValue, (Int128)int.MaxValue) : (long.MinValue, long.MaxValue);
        if (value >= min && value <= max)
            return bound;
        Report(DiagnosticDescriptors.ConstantOverflow, syntax.Span, value.ToString(CultureInfo.InvariantCulture), bound.Type.ToKeyword(),
            min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture));
        return _error;
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax syntax, BindingContext context)
    {
        var left = BindExpression(syntax.Left, context);
        var right = BindExpression(syntax.Right, context);
        if (left.Type == DataType.Error || right.Type == DataType.Error)
            return _error;

        var op = syntax.Operator;
        switch (op)
        {
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply:
                if (left.Type.IsNumeric() && right.Type.IsNumeric())
                    return CheckConstantOverflow(syntax, MakeBinary(left, op, right, DataTypeFacts.WiderNumeric(left.Type, right.Type), resultIsBool: false));
                return ReportBinary(syntax, left, right, " Both operands must be numbers.");

            case BinaryOperator.Divide or BinaryOperator.Modulo or BinaryOperator.Power:
                // Computed in double so that division by zero and invalid math give NaN, as the language defines.
                if (left.Type.IsNumeric() && right.Type.IsNumeric())
                    return MakeBinary(left, op, right, DataType.Double, resultIsBool: false);
                return ReportBinary(syntax, left, right, " Both operands must be numbers.");

            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                if (left.Type.IsNumeric() && right.Type.IsNumeric())
                    return MakeBinary(left, op, right, DataTypeFacts.WiderNumeric(left.Type, right.Type), resultIsBool: true);
                return ReportBinary(syntax, left, right, " Only numbers can be ordered.");

            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                if (left.Type.IsNumeric() && right.Type.IsNumeric())
                    return MakeBinary(left, op, right, DataTypeFacts.WiderNumeric(left.Type, right.Type), resultIsBool: true);
                if (left.Type == right.Type)
                    return MakeBinary(left, op, right, left.Type, resultIsBool: true);
                return ReportBinary(syntax, left, right, " Compare values of the same type.");

            default:
                if (left.Type == DataType.Bool && right.Type == DataType.Bool)
                    return MakeBinary(left, op, right, DataType.Bool, resultIsBool: true);
                return ReportBinary(syntax, left, right, " Both operands must be bool.");
        }
    }

    private static BoundBinaryExpression MakeBinary(BoundExpression left, BinaryOperator op, BoundExpression right, DataType operandType, bool resultIsBool) =>
        new(ConvertTo(left, operandType), op, ConvertTo(right, operandType), operandType, resultIsBool ? DataType.Bool : operandType);

    private BoundExpression ReportBinary(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right, string hint)
    {
        Report(DiagnosticDescriptors.BinaryOperatorTypes, syntax.OperatorSpan, OperatorText(syntax.Operator), left.Type.ToKeyword(), right.Type.ToKeyword(), hint);
        return _error;
    }

    private static string OperatorText(BinaryOperator op) => op switch
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

    private BoundExpression BindConditional(ConditionalExpressionSyntax syntax, BindingContext context)
    {
        var condition = BindCondition(syntax.Condition, context);
        var whenTrue = BindExpression(syntax.WhenTrue, context);
        var whenFalse = BindExpression(syntax.WhenFalse, context);
        // The branches are checked against each other whatever the condition: a wrong condition and
        // branches of different types are two mistakes, and both are reported in one pass.
        if (whenTrue.Type == DataType.Error || whenFalse.Type == DataType.Error)
            return _error;

        DataType type;
        if (whenTrue.Type == whenFalse.Type)
            type = whenTrue.Type;
        else if (whenTrue.Type.IsNumeric() && whenFalse.Type.IsNumeric())
            type = DataTypeFacts.WiderNumeric(whenTrue.Type, whenFalse.Type);
        else
        {
            Report(DiagnosticDescriptors.BranchTypeMismatch, syntax.Span, whenTrue.Type.ToKeyword(), whenFalse.Type.ToKeyword());
            return _error;
        }
        if (condition.Type == DataType.Error)
            return _error;
        return new BoundConditionalExpression(condition, ConvertTo(whenTrue, type), ConvertTo(whenFalse, type), type);
    }

    /// <summary>A condition (<c>where</c>, <c>?:</c>): bool, or an error reported once.</summary>
    private BoundExpression BindCondition(ExpressionSyntax syntax, BindingContext context)
    {
        var condition = BindExpression(syntax, context);
        if (condition.Type is DataType.Error or DataType.Bool)
            return condition;
        Report(DiagnosticDescriptors.ConditionNotBool, syntax.Span, condition.Type.ToKeyword());
        return _error;
    }

    private BoundExpression BindIn(InExpressionSyntax syntax, BindingContext context)
    {
        var operand = BindExpression(syntax.Operand, context);
        var interval = BindInterval(syntax.Interval, context);
        if (operand.Type == DataType.Error)
            return _error;
        if (!operand.Type.IsNumeric())
        {
            Report(DiagnosticDescriptors.UnaryOperatorTypes, syntax.Operand.Span, "in", operand.Type.ToKeyword(), " Only numbers can be tested against an interval.");
            return _error;
        }
        if (interval.Lower.Type == DataType.Error || interval.Upper.Type == DataType.Error)
            return _error;
        return new BoundInExpression(ConvertTo(operand, DataType.Double), interval);
    }

    /// <summary>Interval bounds are numbers or ±inf, converted to double; an empty constant interval is reported.</summary>
    private BoundInterval BindInterval(IntervalSyntax syntax, BindingContext context)
    {
        var lower = BindBound(syntax.Lower, context);
        var upper = BindBound(syntax.Upper, context);
        if (ConstantFolder.TryEvaluate(lower) is double low && ConstantFolder.TryEvaluate(upper) is double high)
        {
            if (IsEmptyInterval(low, syntax.LowerInclusive, high, syntax.UpperInclusive))
                Report(DiagnosticDescriptors.EmptyInterval, syntax.Span, FormatNumber(low), FormatNumber(high));
        }
        return new BoundInterval(lower, syntax.LowerInclusive, upper, syntax.UpperInclusive);
    }

    /// <summary>
    /// No value passes a NaN bound (every comparison with NaN is false), and the only value a
    /// bound of ±inf on both sides admits is that infinity, which no value can be.
    /// </summary>
    private static bool IsEmptyInterval(double low, bool lowInclusive, double high, bool highInclusive) =>
        double.IsNaN(low) || double.IsNaN(high) || low > high
        || (low == high && (!(lowInclusive && highInclusive) || double.IsInfinity(low)));

    private BoundExpression BindBound(ExpressionSyntax syntax, BindingContext context)
    {
        if (syntax is InfinityLiteralSyntax infinity)
        {
            var value = infinity.IsNegative ? double.NegativeInfinity : double.PositiveInfinity;
            _semantic.ExpressionTypes[syntax] = DataType.Double;
            return new BoundLiteral(value, DataType.Double);
        }

        var bound = BindExpression(syntax, context);
        if (bound.Type == DataType.Error)
            return bound;
        if (!bound.Type.IsNumeric())
        {
            Report(DiagnosticDescriptors.IntervalBoundNotNumeric, syntax.Span, bound.Type.ToKeyword());
            return _error;
        }
        return ConvertTo(bound, DataType.Double);
    }

    /// <summary>Inserts the implicit widening to <paramref name="type"/>; literals are converted in place.</summary>
    private static BoundExpression ConvertTo(BoundExpression expression, DataType type)
    {
        if (expression.Type == type || expression.Type == DataType.Error)
            return expression;
        if (expression is BoundLiteral literal)
        {
            switch (literal.Value, type)
            {
                case (int i, DataType.Double): return new BoundLiteral((double)i, type);
                case (long l, DataType.Double): return new BoundLiteral((double)l, type);
                case (int i, DataType.Long): return new BoundLiteral((long)i, type);
            }
        }
        return new BoundConversion(expression, type);
    }

    private static string FormatNumber(double value) =>
        double.IsPositiveInfinity(value) ? "+inf" : double.IsNegativeInfinity(value) ? "-inf" : value.ToString("R", CultureInfo.InvariantCulture);
}
