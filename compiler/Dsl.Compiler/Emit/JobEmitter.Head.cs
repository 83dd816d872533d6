using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The head struct of a window block: one field per output holding only what its aggregate reads
/// (16 bytes for count, sum, avg, min and max; the full 80-byte moments for the others), with
/// straight-line code to add a record's values, to read one output's partial and to emit the results.
/// </summary>
internal sealed partial class JobEmitter
{
    private void WriteWindowHead(WindowOperatorPlan op, List<(int First, string Body)> groups)
    {
        _code.Line()
            .Open($"private struct {HeadStruct(op)} : IWindowHead");
        for (var i = 0; i < op.Outputs.Length; i++)
            _code.Line($"public {PartialType(op.Outputs[i].Function)} O{i};");
        _code.Line()
            .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public void Add(long time, double[] values, EvalStatus[] statuses)");
        for (var i = 0; i < op.Outputs.Length; i++)
            _code.Line($"if (statuses[{i}] == EvalStatus.Ok) {{ {AddCall(op.Outputs[i].Function, i)} }}");
        _code.Close()
            .Line();
        WriteHeadAddRecord(op, groups);
        _code.Line()
            .Open("public readonly void CopyTo(int output, ref Moments moments)")
            .Open("switch (output)");
        for (var i = 0; i < op.Outputs.Length; i++)
        {
            var copy = PartialType(op.Outputs[i].Function) == "Moments" ? $"moments = O{i};" : $"O{i}.CopyTo(ref moments);";
            _code.Line($"case {i}: {copy} break;");
        }
        _code.Close().Close();
        WriteHeadEmit(op);
        _code.Close();
    }

    /// <summary>
    /// The head's results, in output order: <c>AggregateMath.Compute</c> of each partial, unrolled with
    /// the function and point constant. An empty output emits nothing, but a <c>count</c> with
    /// <c>fill N</c>, which emits N.
    /// </summary>
    private void WriteHeadEmit(WindowOperatorPlan op)
    {
        _code.Line()
            .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public readonly void Emit(int asset, long time, CalMode mode, OutputRouter output)");
        for (var i = 0; i < op.Outputs.Length; i++)
        {
            var point = PointConstant(op.Outputs[i].Target);
            if (op.Outputs[i].Function == AggregateFunction.Count)
            {
                _code.Line(op.Outputs[i].Fill is { } fill
                    ? $"output.Emit(asset, {point}, time, O{i}.Count > 0 ? O{i}.Count : {CSharpNames.Literal(fill)}, mode);"
                    : $"if (O{i}.Count > 0) {{ output.Emit(asset, {point}, time, O{i}.Count, mode); }}");
                continue;
            }

            _code.Open($"if (O{i}.Count > 0)")
                .Line($"double value = {HeadResult(op.Outputs[i].Function, i)};")
                .Line($"if (double.IsFinite(value)) {{ output.Emit(asset, {point}, time, value, mode); }}")
                .Close();
        }
        _code.Close();
    }

    private static string HeadResult(AggregateFunction function, int output) => function switch
    {
        AggregateFunction.Sum => $"O{output}.Sum",
        AggregateFunction.Avg => $"O{output}.Sum / O{output}.Count",
        AggregateFunction.Min => $"O{output}.Min",
        AggregateFunction.Max => $"O{output}.Max",
        _ => $"AggregateMath.FromMoments(AggregateKind.{function}, O{output})",
    };

    /// <summary>
    /// The fast lane's whole work on one record: each distinct expression evaluated once, its
    /// value added to every output over it; what the operator's general path would count is
    /// returned for it to count.
    /// </summary>
    private void WriteHeadAddRecord(WindowOperatorPlan op, List<(int First, string Body)> groups)
    {
        _code.Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public HeadAddResult AddRecord(in InputRecord record, in AssetScope asset)")
            .Line("var result = default(HeadAddResult);");
        for (var first = 0; first < op.Outputs.Length; first++)
        {
            if (groups[first].First != first)
                continue;
            var members = Enumerable.Range(0, op.Outputs.Length).Where(i => groups[i].First == first).ToList();
            _code.Open("")
                .Line($"EvalStatus status = {OperatorStruct(op)}.{OutputMethod(first)}(record, asset, out double value);")
                .Open("if (status == EvalStatus.Ok)")
                .Open("if (double.IsFinite(value))");
            foreach (var i in members)
                _code.Line(AddCall(op.Outputs[i].Function, i).Replace($"values[{i}]", "value", StringComparison.Ordinal).Replace("(time,", "(record.Time,", StringComparison.Ordinal));
            _code.Line("result.Added = true;")
                .Close()
                .Open("else")
                .Line($"result.InvalidResults += {members.Count};")
                .Close()
                .Close()
                .Open("else if (status == EvalStatus.MissingAttribute)")
                .Line("result.MissingAttribute = true;")
                .Close()
                .Close();
        }
        _code.Line("return result;")
            .Close();
    }

    private static string PartialType(AggregateFunction function) => function switch
    {
        AggregateFunction.Count or AggregateFunction.Sum or AggregateFunction.Avg => "SumPartial",
        AggregateFunction.Min => "MinPartial",
        AggregateFunction.Max => "MaxPartial",
        _ => "Moments",
    };

    /// <summary>Welford's mean and M2 only where variance or stddev reads them (see <c>Moments.AddWithoutSpread</c>).</summary>
    private static string AddCall(AggregateFunction function, int output) => function switch
    {
        AggregateFunction.StdDev or AggregateFunction.Variance => $"O{output}.Add(time, values[{output}]);",
        _ when PartialType(function) == "Moments" => $"O{output}.AddWithoutSpread(time, values[{output}]);",
        _ => $"O{output}.Add(values[{output}]);",
    };
}
