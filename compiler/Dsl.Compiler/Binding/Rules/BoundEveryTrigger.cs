namespace Dsl.Compiler.Binding;

/// <summary><c>every D</c>: each grid time k·D in event time; calendar-aligned for 1d/1w/1mo.</summary>
public sealed record BoundEveryTrigger(Duration Period) : BoundMergeTrigger;
