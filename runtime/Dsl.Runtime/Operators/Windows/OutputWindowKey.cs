using System.Runtime.InteropServices;

namespace Dsl.Runtime.Operators.Windows;

// Packed: the durable store compares keys as bytes, so they must have no padding.
/// <summary>State key of the partial aggregate of one output in one window of one asset.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct OutputWindowKey(int Asset, long Start, int Output);
