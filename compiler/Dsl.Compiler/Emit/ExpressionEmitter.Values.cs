using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>Reading points, attributes, history and time in each evaluation context.</summary>
internal sealed partial class ExpressionEmitter
{
    private string Point(PointSymbol point, string onMissing)
    {
        switch (_context)
        {
            case EvaluationContext.Window:
                // The binder guarantees an aggregate reads only its input point: the record's own value.
                return point.Type == DataType.String ? "(record.Text ?? \"\")" : FromNumber("record.Value", point.Type);

            case EvaluationContext.Merge:
            {
                var input = MergeInput(point);
                var name = Temp("v");
                if (point.Type == DataType.String)
                {
                    _code.Line($"if (!scope.TryText({input}, out string {name})) {{ {onMissing} }}");
                    return name;
                }
                _code.Line($"if (!scope.TryValue({input}, out double {name})) {{ {onMissing} }}");
                return FromNumber(name, point.Type);
            }

            default:
                throw new InvalidOperationException("Energy parameters cannot read points.");
        }
    }

    private string Attribute(AttributeSymbol attribute)
    {
        var index = _model.AttributeIndex(attribute);
        var name = Temp("a");
        if (attribute.Type == DataType.String)
        {
            _code.Line($"if (!{Asset}.TryText({index}, out string {name})) {{ {MissingAttribute} }}");
            return name;
        }
        _code.Line($"if (!{Asset}.TryNumber({index}, out double {name})) {{ {MissingAttribute} }}");
        return FromNumber(name, attribute.Type);
    }

    private string History(BoundHistoryCall history, string onMissing)
    {
        if (_context != EvaluationContext.Merge)
            throw new InvalidOperationException("History functions exist only in merge rules.");
        var name = Temp("h");
        if (IsTextHistory(history))
        {
            _code.Line($"if (!scope.{HistoryMethod(history)}({MergeInput(history.Point)}, out string {name})) {{ {onMissing} }}");
            return name;
        }
        if (history is { Function: HistoryFunction.Delta, Type: DataType.Int or DataType.Long })
        {
            // P - prev(P) in the point's type, wrapping as that subtraction does.
            _code.Line($"if (!scope.TryLatestTwo({MergeInput(history.Point)}, out double {name}, out double {name}p)) {{ {onMissing} }}");
            return $"unchecked({FromNumber(name, history.Type)} - {FromNumber(name + "p", history.Type)})";
        }
        _code.Line($"if (!scope.{HistoryMethod(history)}({MergeInput(history.Point)}, out double {name})) {{ {onMissing} }}");
        return FromNumber(name, history.Type);
    }

    private static bool IsTextHistory(BoundHistoryCall history) =>
        history.Function == HistoryFunction.Prev && history.Type == DataType.String;

    private static string HistoryMethod(BoundHistoryCall history) => history.Function switch
    {
        HistoryFunction.Prev => IsTextHistory(history) ? "TryPrevText" : "TryPrev",
        HistoryFunction.Delta => "TryDelta",
        HistoryFunction.Rate => "TryRate",
        _ => "TryAge",
    };

    private string Time(TimeFunction function)
    {
        var method = function.ToString();
        return _context switch
        {
            EvaluationContext.Merge => $"scope.{method}()",
            EvaluationContext.Window => $"asset.{method}(record.Time)",
            _ => throw new InvalidOperationException("Energy parameters have no evaluation time."),
        };
    }

    private int MergeInput(PointSymbol point)
    {
        var index = _merge?.InputIndex(point) ?? -1;
        return index >= 0 ? index : throw new InvalidOperationException($"{point.QualifiedName} is not an input of the merge.");
    }
}
