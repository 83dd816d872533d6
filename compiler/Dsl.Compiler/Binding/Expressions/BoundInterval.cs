namespace Dsl.Compiler.Binding;

/// <summary>An interval with double-typed bounds (±infinity for open ends): <c>[0, RatedPower * 1.2]</c>.</summary>
public sealed record BoundInterval(BoundExpression Lower, bool LowerInclusive, BoundExpression Upper, bool UpperInclusive);
