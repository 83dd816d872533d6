using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>An asset's parameters of the sequential algorithm, evaluated once per reading.</summary>
internal readonly record struct StepParameters(ValueInterval Slope, double Scale, ValueInterval? PowerRange);
