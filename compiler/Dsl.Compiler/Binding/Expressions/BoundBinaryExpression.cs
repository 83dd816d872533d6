using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>
/// <c>a OP b</c>. Both operands have <see cref="OperandType"/> (conversions inserted);
/// <see cref="BoundExpression.Type"/> is the result: bool for comparisons and logic, double
/// for <c>/ % ^</c>, otherwise the operand type.
/// </summary>
public sealed record BoundBinaryExpression(BoundExpression Left, BinaryOperator Operator, BoundExpression Right, DataType OperandType, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => [Left, Right];
}
