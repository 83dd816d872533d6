using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>A constant: <see cref="Value"/> is a double, long, int, bool or string matching <see cref="BoundExpression.Type"/>; interval bounds may be ±infinity.</summary>
public sealed record BoundLiteral(object Value, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => [];
}
