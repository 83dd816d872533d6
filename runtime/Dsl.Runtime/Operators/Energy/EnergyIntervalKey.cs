namespace Dsl.Runtime.Operators.Energy;

/// <summary>State key of one interval of one output of one asset.</summary>
public readonly record struct EnergyIntervalKey(int Asset, int Output, long Start);
