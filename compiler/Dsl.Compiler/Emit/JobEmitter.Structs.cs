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
                .Open($"public static EvalStatus {OutputMethod(first)}(in InputRecord record, in AssetScope asset, out double value)");
            WriteOutBody("value = 0d;", body);
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

    /// <summary>
    /// A merge block's struct: <c>EvaluateAll</c> gives each output's result to the emitter in
    /// turn (no loop or switch over the output's index at run time), each output's expression in
    /// a method of its own that is inlined there.
    /// </summary>
    private void WriteMergeOutputs(MergeOperatorPlan op)
    {
        _code.Line()
            .Open($"private readonly struct {OperatorStruct(op)} : IMergeOutputs")
            .Open("public void EvaluateAll(in MergeScope scope, in MergeEmitter emitter)");
        for (var i = 0; i < op.Merge.Outputs.Length; i++)
            _code.Line($"emitter.Result({i}, {OutputMethod(i)}(scope, out PointValue value{i}), value{i});");
        _code.Close();
        for (var i = 0; i < op.Merge.Outputs.Length; i++)
        {
            var output = op.Merge.Outputs[i];
            _code.Line()
                .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
                .Open($"private static EvalStatus {OutputMethod(i)}(in MergeScope scope, out PointValue value)")
                .Line("value = default;");
            var result = new ExpressionEmitter(_code, EvaluationContext.Merge, ModelOf(op), op).Emit(output.Value, "return EvalStatus.Missing;");
            _code.Line($"value = {PointValueOf(result, output.Value.Type)};")
                .Line("return EvalStatus.Ok;")
                .Close();
        }
        _code.Close();
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
        var slope = new CodeWriter();
        slope.Line($"slope = {(rule.Slope is { } slopeInterval ? Interval(slope, slopeInterval, model) : "DefaultEnergyParameters.DefaultSlope")};");
        var scale = new CodeWriter();
        var scaleValue = new ExpressionEmitter(scale, EvaluationContext.Parameters, model).Emit(rule.Scale, ExpressionEmitter.MissingAttribute);
        scale.Line($"scale = {ExpressionEmitter.AsNumber(scaleValue, rule.Scale.Type)};");
        var range = new CodeWriter();
        range.Line($"range = {(rule.Range is { } powerRange ? Interval(range, powerRange, model) : "null")};");
        _code.Line()
            .Open($"private readonly struct {OperatorStruct(op)} : IEnergyParameters")
            .Open("public EvalStatus Slope(in AssetScope asset, out ValueInterval slope)");
        WriteOutBody("slope = DefaultEnergyParameters.DefaultSlope;", slope.Line("return EvalStatus.Ok;").ToString());
        _code.Close()
            .Line()
            .Open("public EvalStatus Scale(in AssetScope asset, out double scale)");
        WriteOutBody("scale = 1d;", scale.Line("return EvalStatus.Ok;").ToString());
        _code.Close()
            .Line()
            .Open("public EvalStatus PowerRange(in AssetScope asset, out ValueInterval? range)");
        WriteOutBody("range = null;", range.Line("return EvalStatus.Ok;").ToString());
        _code.Close()
            .Close();
    }

    /// <summary>
    /// Writes the body of a method that assigns its out parameter at the end, after the
    /// statements that evaluate the value. C# needs the parameter assigned wherever one of those
    /// returns early (an attribute an asset lacks, a record its where filters), so
    /// <paramref name="fallback"/> goes first then, and only then.
    /// </summary>
    private void WriteOutBody(string fallback, string body)
    {
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines[..^1].Any(line => line.Contains("return ", StringComparison.Ordinal)))
            _code.Line(fallback);
        foreach (var line in lines)
            _code.Line(line);
    }

    /// <summary>Writes the bounds' statements and returns the interval; an infinite bound stays infinite.</summary>
    private static string Interval(CodeWriter code, BoundInterval interval, PlannedModel model)
    {
        var expressions = new ExpressionEmitter(code, EvaluationContext.Parameters, model);
        var lower = expressions.Emit(interval.Lower, ExpressionEmitter.MissingAttribute);
        var upper = expressions.Emit(interval.Upper, ExpressionEmitter.MissingAttribute);
        return $"new ValueInterval({ExpressionEmitter.AsNumber(lower, interval.Lower.Type)}, {CSharpNames.Literal(interval.LowerInclusive)}, " +
            $"{ExpressionEmitter.AsNumber(upper, interval.Upper.Type)}, {CSharpNames.Literal(interval.UpperInclusive)})";
    }
}
