using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The head struct of a window block (see <see cref="HeadLayout"/>), with straight-line code to add
/// a record's values, to read and load one output's partial as moments, and to emit the results.
/// </summary>
internal sealed partial class JobEmitter
{
    private void WriteWindowHead(WindowOperatorPlan op, List<(int First, string Body)> groups)
    {
        var layout = new HeadLayout(op, groups);
        _code.Line()
            .Open($"private struct {HeadStruct(op)} : IWindowHead");
        foreach (var field in layout.Fields())
            _code.Line($"public {field};");
        _code.Line()
            .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public void Add(long time, double[] values, EvalStatus[] statuses)");
        foreach (var group in layout.Groups)
            _code.Line($"if (statuses[{group}] == EvalStatus.Ok) {{ {GroupAdd(group)}(time, values[{group}]); }}");
        _code.Close()
            .Line();
        WriteHeadAddRecord(op, layout);
        foreach (var group in layout.Groups)
            WriteHeadGroupAdd(layout, group);
        _code.Line()
            .Open("public readonly void CopyTo(int output, ref Moments moments)")
            .Open("switch (output)");
        for (var i = 0; i < op.Outputs.Length; i++)
            _code.Line($"case {i}: {string.Join(" ", layout.Moments(i).Select(m => $"moments{m.Moments} = {m.Field};"))} break;");
        _code.Close().Close()
            .Line()
            .Open("public void Load(int output, in Moments moments)")
            .Open("switch (output)");
        for (var i = 0; i < op.Outputs.Length; i++)
            _code.Line($"case {i}: {string.Join(" ", layout.Moments(i).Select(m => $"{m.Field} = moments{m.Moments};"))} break;");
        _code.Close().Close();
        WriteHeadEmit(op, layout);
        _code.Close();
    }

    /// <summary>
    /// The head's method that adds a value to every partial of an expression group: the shared
    /// count last, so that min and max take the first value as it is.
    /// </summary>
    private void WriteHeadGroupAdd(HeadLayout layout, int group)
    {
        _code.Line()
            .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open($"private void {GroupAdd(group)}(long time, double value)");
        foreach (var output in layout.MomentsMembers(group))
            _code.Line(layout.Function(output) is AggregateFunction.StdDev or AggregateFunction.Variance
                ? $"O{output}.Add(time, value);"
                : $"O{output}.AddWithoutSpread(time, value);");
        if (!layout.HasCount(group))
        {
            _code.Close();
            return;
        }
        var (max, min) = (layout.Has(group, AggregateFunction.Max), layout.Has(group, AggregateFunction.Min));
        if (max || min)
        {
            _code.Open($"if (C{group} == 0)")
                .Line(string.Join(" ", new[] { max ? $"X{group} = value;" : "", min ? $"N{group} = value;" : "" }.Where(l => l.Length > 0)))
                .Close()
                .Open("else")
                .Line(string.Join(" ", new[] { max ? $"X{group} = System.Math.Max(X{group}, value);" : "", min ? $"N{group} = System.Math.Min(N{group}, value);" : "" }.Where(l => l.Length > 0)))
                .Close();
        }
        if (layout.HasSum(group))
            _code.Line($"S{group} += value;");
        _code.Line($"C{group}++;")
            .Close();
    }

    /// <summary>The head's method that adds a value to expression group <paramref name="group"/>, for both the general path and the fast lane.</summary>
    private static string GroupAdd(int group) => $"AddToGroup{group}";

    /// <summary>
    /// The head's results, in output order: <c>AggregateMath.Compute</c> of each partial, unrolled with
    /// the function and point constant. An empty output emits nothing, but a <c>count</c> with
    /// <c>fill N</c>, which emits N.
    /// </summary>
    private void WriteHeadEmit(WindowOperatorPlan op, HeadLayout layout)
    {
        _code.Line()
            .Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public readonly void Emit(int asset, long time, CalMode mode, OutputRouter output)");
        for (var i = 0; i < op.Outputs.Length; i++)
        {
            var point = PointConstant(op.Outputs[i].Target);
            var count = layout.CountOf(i);
            if (op.Outputs[i].Function == AggregateFunction.Count)
            {
                _code.Line(op.Outputs[i].Fill is { } fill
                    ? $"output.Emit(asset, {point}, time, {count} > 0 ? {count} : {CSharpNames.Literal(fill)}, mode);"
                    : $"if ({count} > 0) {{ output.Emit(asset, {point}, time, {count}, mode); }}");
                continue;
            }

            // Variance and stddev of one value have no result; any other that is not finite is invalid.
            var tooFew = op.Outputs[i].Function is AggregateFunction.Variance or AggregateFunction.StdDev ? 1 : 0;
            _code.Line($"if ({count} > {tooFew}) {{ output.EmitResult(asset, {point}, time, {layout.Result(i)}, mode); }}");
        }
        _code.Close();
    }

    /// <summary>
    /// The fast lane's whole work on one record: each distinct expression evaluated once, its
    /// value added to every output over it; what the operator's general path would count is
    /// returned for it to count.
    /// </summary>
    private void WriteHeadAddRecord(WindowOperatorPlan op, HeadLayout layout)
    {
        _code.Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open("public HeadAddResult AddRecord(in InputRecord record, in AssetScope asset)")
            .Line("var result = default(HeadAddResult);");
        foreach (var group in layout.Groups)
        {
            _code.Open("")
                .Line($"EvalStatus status = {OperatorStruct(op)}.{OutputMethod(group)}(record, asset, out double value);")
                .Open("if (status == EvalStatus.Ok)")
                .Open("if (double.IsFinite(value))");
            _code.Line($"{GroupAdd(group)}(record.Time, value);");
            _code.Line("result.Added = true;")
                .Close()
                .Open("else")
                .Line($"result.InvalidResults += {layout.Members(group).Count()};")
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
}
