using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Missing values are strict (docs/language.md, "Missing values"): an expression is missing when
/// any value it reads is missing, in the branch taken or not and on either side of <c>&amp;&amp;</c>
/// and <c>||</c>, so <c>P > 0 || Q > 0</c> and <c>Q > 0 || P > 0</c> agree; only <c>coalesce</c>
/// absorbs a missing value, and an alternative of it is missing on the same terms. The values
/// are still computed lazily. So an expression that reads a value only on some paths first tests,
/// in source order, that every value it reads is there: one <c>Try…</c> per value, computing
/// nothing, and no test at all for an expression that reads every value on every path.
/// </summary>
internal sealed partial class ExpressionEmitter
{
    private void GuardReads(BoundExpression expression, string onMissing)
    {
        var reads = new List<(BoundExpression Read, bool OnSomePaths)>();
        CollectReads(expression, onSomePaths: false, insideCoalesce: false, reads);
        if (!reads.Any(r => r.OnSomePaths))
            return;
        var written = new HashSet<string>();
        foreach (var (read, _) in reads)
        {
            if (Guard(read, onMissing) is { } guard && written.Add(guard))
                _code.Line(guard);
        }
    }

    /// <summary>
    /// The values the expression reads, in source order, and whether each is read on some paths only.
    /// A point inside a <c>coalesce</c> belongs to that alternative, which guards itself; an
    /// attribute belongs to the whole expression, since even <c>coalesce</c> does not absorb its absence.
    /// </summary>
    private static void CollectReads(BoundExpression expression, bool onSomePaths, bool insideCoalesce, List<(BoundExpression, bool)> reads)
    {
        switch (expression)
        {
            case BoundAttributeReference:
                reads.Add((expression, onSomePaths));
                break;
            case BoundPointReference or BoundHistoryCall:
                if (!insideCoalesce)
                    reads.Add((expression, onSomePaths));
                break;
            case BoundUnaryExpression unary:
                CollectReads(unary.Operand, onSomePaths, insideCoalesce, reads);
                break;
            case BoundConversion conversion:
                CollectReads(conversion.Operand, onSomePaths, insideCoalesce, reads);
                break;
            case BoundBinaryExpression binary:
                CollectReads(binary.Left, onSomePaths, insideCoalesce, reads);
                var rightOnSomePaths = onSomePaths || binary.Operator is BinaryOperator.And or BinaryOperator.Or;
                CollectReads(binary.Right, rightOnSomePaths, insideCoalesce, reads);
                break;
            case BoundConditionalExpression conditional:
                CollectReads(conditional.Condition, onSomePaths, insideCoalesce, reads);
                CollectReads(conditional.WhenTrue, onSomePaths: true, insideCoalesce, reads);
                CollectReads(conditional.WhenFalse, onSomePaths: true, insideCoalesce, reads);
                break;
            case BoundInExpression test:
                CollectReads(test.Operand, onSomePaths, insideCoalesce, reads);
                CollectReads(test.Interval.Lower, onSomePaths, insideCoalesce, reads);
                CollectReads(test.Interval.Upper, onSomePaths, insideCoalesce, reads);
                break;
            case BoundCallExpression call:
                var coalesce = call.Function == ScalarFunction.Coalesce;
                for (var i = 0; i < call.Arguments.Length; i++)
                    CollectReads(call.Arguments[i], onSomePaths || (coalesce && i > 0), insideCoalesce || coalesce, reads);
                break;
        }
    }

    /// <summary>The statement that runs the missing action when the value is missing, or null for a value always there.</summary>
    private string? Guard(BoundExpression read, string onMissing) => read switch
    {
        BoundAttributeReference attribute => attribute.Attribute.Type == DataType.String
            ? $"if (!{Asset}.TryText({_model.AttributeIndex(attribute.Attribute)}, out string _)) {{ {MissingAttribute} }}"
            : $"if (!{Asset}.TryNumber({_model.AttributeIndex(attribute.Attribute)}, out double _)) {{ {MissingAttribute} }}",
        // A window reads the record's own value, which is always there.
        BoundPointReference point when _context == EvaluationContext.Merge => point.Point.Type == DataType.String
            ? $"if (!scope.TryText({MergeInput(point.Point)}, out string _)) {{ {onMissing} }}"
            : $"if (!scope.TryValue({MergeInput(point.Point)}, out double _)) {{ {onMissing} }}",
        BoundHistoryCall history => $"if (!scope.{HistoryMethod(history)}({MergeInput(history.Point)}, out {(IsTextHistory(history) ? "string" : "double")} _)) {{ {onMissing} }}",
        _ => null,
    };
}
