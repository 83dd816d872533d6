using System.Collections.Immutable;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>A built-in scalar function; arguments are converted to the types the function computes in.</summary>
public sealed record BoundCallExpression(ScalarFunction Function, ImmutableArray<BoundExpression> Arguments, DataType Type) : BoundExpression(Type)
{
    public override IEnumerable<BoundExpression> Children => Arguments;
}
