using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>prev(P) age(P) delta(P) rate(P)</c> in a merge rule.</summary>
public sealed record BoundHistoryCall(HistoryFunction Function, PointSymbol Point, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => [];
}
