namespace Dsl.Runtime.Operators.Energy;

/// <summary>One interval of one output of an asset (the end locates it among the open intervals).</summary>
internal readonly record struct EnergyIntervalKey(int Output, long Start, long End);
