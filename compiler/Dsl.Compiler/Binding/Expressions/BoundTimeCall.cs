using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>hour() minute() weekday() day() month() year()</c> of the evaluation time in the asset's zone (int).</summary>
public sealed record BoundTimeCall(TimeFunction Function) : BoundExpression(DataType.Int)
{
    public override IEnumerable<BoundExpression> Children => [];
}
