using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>
/// <c>TARGET = function(argument) [where C] [fill N]</c>. <see cref="Argument"/> reads exactly
/// <see cref="Input"/> (plus attributes and constants). <see cref="ResultType"/> is the
/// statistic's type; it is assignable to the target's type (for count, long also goes to an
/// int target).
/// </summary>
public sealed record BoundAggregateOutput(
    PointSymbol Target,
    AggregateFunction Function,
    BoundExpression Argument,
    PointSymbol Input,
    double? Percentile,
    BoundExpression? Where,
    double? Fill,
    DataType ResultType);
