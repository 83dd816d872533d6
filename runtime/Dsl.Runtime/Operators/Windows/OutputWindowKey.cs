namespace Dsl.Runtime.Operators.Windows;

/// <summary>State key of the partial aggregate of one output in one window of one asset.</summary>
public readonly record struct OutputWindowKey(int Asset, long Start, int Output);
