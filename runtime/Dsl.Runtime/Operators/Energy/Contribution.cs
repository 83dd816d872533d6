namespace Dsl.Runtime.Operators.Energy;

/// <summary>Energy a step added to one interval of one output.</summary>
public readonly record struct Contribution(int Output, long Start, long End, double Amount);
