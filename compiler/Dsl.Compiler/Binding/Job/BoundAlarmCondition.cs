using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>
/// One condition of an alarm rule. Counters have a number <see cref="Threshold"/> and a
/// <see cref="Per"/> period; <c>lag</c> and <c>checkpoint_age</c> a <see cref="DurationThreshold"/>;
/// <c>failed</c> and <c>stopped</c> neither. <see cref="Comparison"/> is one of the comparison operators.
/// <see cref="Text"/> is the condition as the job writes it (<c>errors &gt; 1e3 per 1m</c>), its
/// parts one space apart; null for one made in code, which is then described from its parts.
/// </summary>
public sealed record BoundAlarmCondition(AlarmMetric Metric, BinaryOperator? Comparison, double? Threshold, Duration? DurationThreshold, Duration? Per, string? Text = null);
