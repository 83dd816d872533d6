namespace Dsl.Runtime.Operators.Windows;

/// <summary>State key of a window of one asset.</summary>
public readonly record struct WindowKey(int Asset, long Start);
