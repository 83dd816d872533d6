using Dsl.Compiler.Binding;
using Dsl.Compiler.Planning;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Emit;

/// <summary>The per-run instance: operators created in dependency order, and the dispatch switch.</summary>
internal sealed partial class JobEmitter
{
    private void WriteInstance()
    {
        _code.Open("private sealed class Instance : JobInstance");
        foreach (var op in _plan.Operators)
            _code.Line($"private readonly {OperatorType(op)} {OperatorField(op)};");
        _code.Line()
            .Line("public Instance(JobContext context)")
            .Line("    : base(context)")
            .Line("{");
        foreach (var op in _plan.Operators)
            _code.Line($"    {OperatorField(op)} = Register(new {OperatorType(op)}(context, {CSharpNames.Literal(op.Name)}, {Options(op)}));");
        _code.Line("}")
            .Line();
        WriteDispatch();
        _code.Close().Line();
    }

    private static string OperatorType(OperatorPlan op) => op switch
    {
        WindowOperatorPlan { Aggregate.Window: BoundSessionWindow } => $"SessionWindowOperator<{OperatorStruct(op)}>",
        WindowOperatorPlan window => $"WindowOperator<{OperatorStruct(op)}, {(window.HasHead ? HeadStruct(op) : "NoHead")}>",
        MergeOperatorPlan => $"MergeOperator<{OperatorStruct(op)}>",
        _ => $"EnergyOperator<{OperatorStruct(op)}>",
    };

    private string Options(OperatorPlan op) => op switch
    {
        WindowOperatorPlan window => WindowOptions(window),
        MergeOperatorPlan merge => MergeOptions(merge),
        EnergyOperatorPlan energy => EnergyOptions(energy),
        _ => throw new InvalidOperationException($"No options for {op.GetType().Name}."),
    };

    private string WindowOptions(WindowOperatorPlan op)
    {
        var rule = op.Aggregate;
        var spec = rule.Window switch
        {
            BoundTumblingWindow { Size.IsCalendar: true } t => $"WindowSpec.Calendar({Calendar(t.Size)}, {CSharpNames.Literal(t.Offset.Milliseconds)})",
            BoundTumblingWindow t => $"WindowSpec.Tumbling({CSharpNames.Literal(t.Size.Milliseconds)}, {CSharpNames.Literal(t.Offset.Milliseconds)})",
            BoundHoppingWindow h => $"WindowSpec.Hopping({CSharpNames.Literal(h.Size.Milliseconds)}, {CSharpNames.Literal(h.Step.Milliseconds)})",
            BoundSessionWindow s => $"WindowSpec.Session({CSharpNames.Literal(s.Gap.Milliseconds)}, {Milliseconds(s.Max)})",
            _ => throw new InvalidOperationException($"No window spec for {rule.Window.GetType().Name}."),
        };
        var emit = rule.Emit switch
        {
            EmitMode.Final => "EmitPolicy.Final",
            EmitMode.Early => "EmitPolicy.Early",
            _ => "EmitPolicy.Ontime",
        };
        var options = $"new WindowOptions({spec}, LatenessMs: {CSharpNames.Literal(rule.Lateness.Milliseconds)}, Emit: {emit}, " +
            $"EarlyEveryMs: {Milliseconds(rule.EarlyEvery)}, StampEnd: {CSharpNames.Literal(rule.Stamp == WindowStamp.End)}, InputPoint: {PointConstant(op.Input)})";
        var outputs = op.Outputs.Select(o =>
            $"new AggregateOutput({PointConstant(o.Target)}, AggregateKind.{o.Function}, {CSharpNames.Literal(o.Percentile ?? 0)}, {(o.Fill is { } fill ? CSharpNames.Literal(fill) : "null")})");
        return $"{options}, [{string.Join(", ", outputs)}]";
    }

    private string MergeOptions(MergeOperatorPlan op)
    {
        var rule = op.Merge;
        var inputs = string.Join(", ", op.MergeInputs.Select(PointConstant));
        var outputs = string.Join(", ", rule.Outputs.Select(o => PointConstant(o.Target)));
        var (trigger, triggerOptions) = rule.Trigger switch
        {
            BoundEveryTrigger every => ("MergeTrigger.Every", $"Grid: {Grid(every.Period)}, ReadsEvaluationTime: {CSharpNames.Literal(ReadsEvaluationTime(rule))}"),
            BoundOnPointTrigger on => ("MergeTrigger.OnPoint", $"TriggerInput: 0, KeepTriggerHistory: {CSharpNames.Literal(ReadsHistoryOf(rule, on.Point))}"),
            _ => throw new InvalidOperationException($"Unknown merge trigger {rule.Trigger}."),
        };
        var hold = rule.Hold is { } h ? CSharpNames.Literal(h.Milliseconds) : "long.MaxValue";
        // Latest values are kept back as far as records may arrive late, so out-of-order triggers find them.
        var retention = CSharpNames.Literal(_plan.Job.Settings.Lateness.Milliseconds);
        // Inputs whose earlier values an output reads: a correction of one changes the evaluations after it too.
        var history = string.Join(", ", op.MergeInputs.Select((p, i) => (p, i)).Where(x => ReadsHistoryOf(rule, x.p)).Select(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return $"new MergeOptions({trigger}, InputPoints: [{inputs}], OutputPoints: [{outputs}], {triggerOptions}, HoldMs: {hold}, RetentionMs: {retention}, HistoryInputs: [{history}])";
    }

    /// <summary>Whether an output reads the evaluation time (<c>hour()</c> and the other time functions).</summary>
    private static bool ReadsEvaluationTime(BoundMergeRule rule) =>
        rule.Outputs.Any(o => o.Value.DescendantsAndSelf().OfType<BoundTimeCall>().Any());

    /// <summary>Whether an output reads earlier values of the point: <c>prev</c>, <c>delta</c> or <c>rate</c> (<c>age</c> of a trigger is 0).</summary>
    private static bool ReadsHistoryOf(BoundMergeRule rule, PointSymbol point) =>
        rule.Outputs.Any(o => o.Value.DescendantsAndSelf().OfType<BoundHistoryCall>().Any(h => h.Point == point && h.Function != HistoryFunction.Age));

    private string EnergyOptions(EnergyOperatorPlan op)
    {
        var rule = op.Energy;
        var outputs = new List<string>();
        if (rule.Daily is { } daily)
            outputs.Add($"EnergyOutput.Daily({PointConstant(daily)})");
        if (rule.Every is { } every)
            outputs.Add($"new EnergyOutput({PointConstant(every.Target)}, {Grid(every.Period)})");
        var method = rule.Method switch
        {
            EnergyMethod.InstantPower => "EnergyMethod.InstantPower",
            EnergyMethod.AveragePower => "EnergyMethod.AveragePower",
            _ => "EnergyMethod.Meter",
        };
        var rollover = rule.Rollover is { } r ? CSharpNames.Literal(r) : "null";
        var missing = rule.Missing == MissingMode.Last ? "MissingPolicy.Last" : "MissingPolicy.Ignore";
        var unitFactor = CSharpNames.Literal(rule.InputToKilo);
        return $"new EnergyOptions({method}, [{string.Join(", ", outputs)}], Rollover: {rollover}, Split: {CSharpNames.Literal(rule.Split)}, " +
            $"Missing: {missing}, UnitFactor: {unitFactor}, LatenessMs: {CSharpNames.Literal(rule.Lateness.Milliseconds)}, InputPoint: {PointConstant(rule.SourcePoint)})";
    }

    // How many records ahead the batch loop starts loading an operator's state, and the arrays
    // whose addresses are in that state; far enough to cover a miss, near enough to stay cached.
    private const int PrefetchStateAhead = 16;
    private const int PrefetchTailsAhead = 8;

    private void WriteDispatch()
    {
        var prefetching = _plan.Operators.Any(Prefetches);
        // The batch loop is the root of the hot path: compiled on its own, it has the JIT's whole
        // inlining budget for the operators' record paths, which it would share with its caller if
        // that inlined it.
        _code.Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]")
            .Open("protected override long DispatchAll(System.ReadOnlySpan<InputRecord> records)")
            .Line("long latest = long.MinValue;")
            .Open("for (int i = 0; i < records.Length; i++)");
        if (prefetching)
        {
            _code.Line("// The state of records further on starts loading now, so that their misses overlap.")
                .Open($"if (records.Length - i > {PrefetchStateAhead})")
                .Line($"PrefetchState(records[i + {PrefetchStateAhead}]);")
                .Close()
                .Line()
                .Open($"if (records.Length - i > {PrefetchTailsAhead})")
                .Line($"PrefetchTails(records[i + {PrefetchTailsAhead}]);")
                .Close()
                .Line();
        }

        _code.Line("ref readonly InputRecord record = ref records[i];")
            .Line("latest = System.Math.Max(latest, record.Time);")
            .Line("CountInvalid(record);")
            .Line("Dispatch(record);")
            .Close()
            .Line()
            .Line("return latest;")
            .Close()
            .Line();
        WritePointSwitch("protected override void Dispatch", (op, input) => $"{OperatorField(op)}.{OnRecordCall(op, input)}");
        if (prefetching)
        {
            foreach (var method in new[] { "PrefetchState", "PrefetchTails" })
            {
                _code.Line();
                WritePointSwitch($"private void {method}", (op, _) => Prefetches(op) ? $"{OperatorField(op)}.{method}(record.Asset)" : null);
            }
        }
    }

    /// <summary>
    /// Only energy rules prefetch: their per-asset state is the one a record reaches through a
    /// reference. Not those whose in-order readings are appends to dense heads, which stay cached.
    /// </summary>
    private static bool Prefetches(OperatorPlan op) => op is EnergyOperatorPlan && !AppendsThroughHeads(op);

    private static bool AppendsThroughHeads(OperatorPlan op) =>
        op is EnergyOperatorPlan { Energy: var rule } && Runtime.Operators.Energy.EnergyOptions.AppendsThroughHeads(split: rule.Split);

    /// <summary>
    /// An inlined method over a record that switches on its point and, for each operator reading
    /// it, makes the call <paramref name="call"/> gives (none when it gives null).
    /// </summary>
    private void WritePointSwitch(string declaration, Func<OperatorPlan, int, string?> call)
    {
        _code.Line("[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]")
            .Open($"{declaration}(in InputRecord record)")
            .Open("switch (record.Point)");
        foreach (var point in _plan.Points)
        {
            var calls = _plan.ConsumersOf(point).Select(c => call(c.Operator, c.Input)).OfType<string>().ToArray();
            if (calls.Length == 0)
                continue;
            _code.Line($"case {PointConstant(point)}:");
            foreach (var line in calls)
                _code.Line($"    {line};");
            _code.Line("    break;");
        }
        _code.Close().Close();
    }

    /// <summary>
    /// The operator's entry for a record of one of its inputs. An <c>on P</c> merge has one for its
    /// trigger (input 0) and one for the others, so the choice is made here rather than per record.
    /// </summary>
    private static string OnRecordCall(OperatorPlan op, int input) => op switch
    {
        MergeOperatorPlan { Merge.Trigger: BoundEveryTrigger } => $"OnRecord(record, {input})",
        MergeOperatorPlan when input == 0 => "OnTrigger(record)",
        MergeOperatorPlan => $"OnValue(record, {input})",
        EnergyOperatorPlan when !AppendsThroughHeads(op) => "OnRecordWithoutHeads(record)",
        EnergyOperatorPlan { Energy.Method: EnergyMethod.Meter } => "OnMeterReading(record)",
        EnergyOperatorPlan => "OnPowerSample(record)",
        _ => "OnRecord(record)",
    };
}
