using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>A merge block; <see cref="OperatorPlan.Inputs"/> numbers the points its expressions read.</summary>
public sealed record MergeOperatorPlan(string Name, BoundMergeRule Merge, ImmutableArray<PointSymbol> MergeInputs)
    : OperatorPlan(Name, Merge, MergeInputs)
{
    public override string Kind => "merge";

    public override string StateSchema =>
        $"{(Merge.Trigger is BoundEveryTrigger every ? $"every({every.Period})" : "on")} inputs=[{string.Join(",", MergeInputs.Select(p => p.QualifiedName))}]";

    public int InputIndex(PointSymbol point) => MergeInputs.IndexOf(point);
}
