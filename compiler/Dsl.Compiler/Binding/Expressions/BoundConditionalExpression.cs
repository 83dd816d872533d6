using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary><c>c ? a : b</c>; both branches already have <see cref="BoundExpression.Type"/>.</summary>
public sealed record BoundConditionalExpression(BoundExpression Condition, BoundExpression WhenTrue, BoundExpression WhenFalse, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => [Condition, WhenTrue, WhenFalse];
}
