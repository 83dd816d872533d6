namespace Dsl.Runtime.Operators.Energy;

/// <summary>The algorithm's state after every reading of a horizon earlier than <see cref="Time"/>.</summary>
internal readonly record struct StepSnapshot(long Time, StepState State);
