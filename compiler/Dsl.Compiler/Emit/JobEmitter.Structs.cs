using Dsl.Compiler.Binding;
using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>The structs that carry the job's expressions into the generic operators.</summary>
internal sealed partial class JobEmitter
{
    private void WriteOperatorStruct(OperatorPlan op)
    {
        switch (op)
        {
            case WindowOperatorPlan window:
                var groups = WindowExpressionGroups(window);
                WriteWindowInputs(window, groups);
                if (window.HasHead)
                    WriteWindowHead(window, groups);
                break;
            case MergeOperatorPlan merge:
                WriteMergeOutputs(merge);
                break;
            case EnergyOperatorPlan energy:
                WriteEnergyParameters(energy);
                break;
        }
    }

    private void WriteWindowInputs(WindowOperatorPlan op, List<(int First, string Body)> groups)
    {
        _code.Line()
            .Open($"private readonly struct {OperatorStruct(op)} : IWindowInputs")
            .Open("public EvalStatus Evaluate(int output, in InputRecord record, in AssetScope asset, out double value)")
            .Open("switch (output)");
        for (var i = 0; i < op.Outputs.Length; i++)
            _code.Line($"case {i}: return {OutputMethod(groups[i].First)}(record, asset, out value);");
        _code.Line("default: value = 0d; return EvalStatus.Filtered;")
            .Close().Close();
        foreach (var (first, body) in groups.Where((g, i) => g.First == i))
        {
            _code.Line()
                .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
                .Open($"public static EvalStatus {OutputMethod(first)}(in InputRecord record, in AssetScope asset, out double value)")
                .Line("value = 0d;");
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                _code.Line(line);
            _code.Close();
        }
        _code.Close();
    }

    private static string OutputMethod(int output) => $"Output{output}";

    /// <summary>
    /// Each output's evaluation code (its <c>where</c> test and argument) and the first output
    /// with the same code: outputs over the same expression, such as <c>avg(P)</c> and
    /// <c>max(P)</c>, evaluate it once.
    /// </summary>
    private List<(int First, string Body)> WindowExpressionGroups(WindowOperatorPlan op)
    {
        var groups = new List<(int First, string Body)>();
        for (var i = 0; i < op.Outputs.Length; i++)
        {
            var output = op.Outputs[i];
            var body = new CodeWriter();
            var expressions = new ExpressionEmitter(body, EvaluationContext.Window, ModelOf(op));
            if (output.Where is { } where)
            {
                var passes = expressions.Emit(where, ExpressionEmitter.MissingAttribute);
                body.Line($"if (!{passes}) {{ return EvalStatus.Filtered; }}");
            }
            var argument = expressions.Emit(output.Argument, ExpressionEmitter.MissingAttribute);
            if (output.Argument.Type == DataType.String)
            {
                // Only count takes text (the binder sees to it), and a count adds one per record whatever the value.
                body.Line($"_ = {argument};")
                    .Line("value = 1d;");
            }
            else
            {
                body.Line($"value = {ExpressionEmitter.AsNumber(argument, output.Argument.Type)};");
            }
            body.Line("return EvalStatus.Ok;");
            var text = body.ToString();
            var same = groups.FindIndex(g => g.Body == text);
            groups.Add((same < 0 ? i : groups[same].First, text));
        }
        return groups;
    }

    private void WriteMergeOutputs(MergeOperatorPlan op)
    {
        _code.Line()
            .Open($"private readonly struct {OperatorStruct(op)} : IMergeOutputs")
            .Open("public EvalStatus Evaluate(int output, in MergeScope scope, out PointValue value)")
            .Line("value = default;")
            .Open("switch (output)");
        for (var i = 0; i < op.Merge.Outputs.Length; i++)
        {
            var output = op.Merge.Outputs[i];
            _code.Line($"case {i}:").Open("");
            var result = new ExpressionEmitter(_code, EvaluationContext.Merge, ModelOf(op), op).Emit(output.Value, "return EvalStatus.Missing;");
            _code.Line($"value = {PointValueOf(result, output.Value.Type)};")
                .Line("return EvalStatus.Ok;")
                .Close();
        }
        _code.Line("default:")
            .Line("    return EvalStatus.Missing;")
            .Close().Close().Close();
    }

    private static string PointValueOf(string value, DataType type) => type switch
    {
        DataType.Bool => $"PointValue.FromBool({value})",
        DataType.String => $"PointValue.FromText({value})",
        _ => $"PointValue.FromNumber({ExpressionEmitter.AsNumber(value, type)})",
    };

    private void WriteEnergyParameters(EnergyOperatorPlan op)
    {
        var rule = op.Energy;
        var model = ModelOf(op);
        _code.Line()
            .Open($"private readonly struct {OperatorStruct(op)} : IEnergyParameters")
            .Open("public EvalStatus Slope(in AssetScope asset, out ValueInterval slope)")
            .Line("slope = DefaultEnergyParameters.DefaultSlope;");
        if (rule.Slope is { } slopeInterval)
            _code.Line($"slope = {Interval(slopeInterval, model)};");
        _code.Line("return EvalStatus.Ok;")
            .Close()
            .Line()
            .Open("public EvalStatus Scale(in AssetScope asset, out double scale)")
            .Line("scale = 1d;");
        var scale = new ExpressionEmitter(_code, EvaluationContext.Parameters, model).Emit(rule.Scale, ExpressionEmitter.MissingAttribute);
        _code.Line($"scale = {ExpressionEmitter.AsNumber(scale, rule.Scale.Type)};")
            .Line("return EvalStatus.Ok;")
            .Close()
            .Line()
            .Open("public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)")
            .Line("range = null;");
        if (rule.Range is { } powerRange)
            _code.Line($"range = {Interval(powerRange, model)};");
        _code.Line("return EvalStatus.Ok;")
            .Close()
            .Close();
    }

    /// <summary>Writes the bounds' statements and returns the interval; an infinite bound stays infinite.</summary>
    private string Interval(BoundInterval interval, PlannedModel model)
    {
        var expressions = new ExpressionEmitter(_code, EvaluationContext.Parameters, model);
        var lower = expressions.Emit(interval.Lower, ExpressionEmitter.MissingAttribute);
        var upper = expressions.Emit(interval.Upper, ExpressionEmitter.MissingAttribute);
        return $"new ValueInterval({ExpressionEmitter.AsNumber(lower, interval.Lower.Type)}, {CSharpNames.Literal(interval.LowerInclusive)}, " +
            $"{ExpressionEmitter.AsNumber(upper, interval.Upper.Type)}, {CSharpNames.Literal(interval.UpperInclusive)})";
    }
}
