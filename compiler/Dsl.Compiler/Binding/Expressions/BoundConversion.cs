using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>An implicit numeric widening: int or long to double (the only conversion between declared types), or int to long inside an operation that mixes them.</summary>
public sealed record BoundConversion(BoundExpression Operand, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => [Operand];
}
