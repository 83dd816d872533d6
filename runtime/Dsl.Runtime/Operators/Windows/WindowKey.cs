using System.Runtime.InteropServices;

namespace Dsl.Runtime.Operators.Windows;

// Packed: the durable store compares keys as bytes, so they must have no padding.
/// <summary>State key of a window of one asset.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct WindowKey(int Asset, long Start);
