using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Dsl.Runtime.Operators;

/// <summary>
/// Software prefetch: asks the CPU to start loading a cache line that a record further on in the
/// batch will touch, so that the loads of many records overlap instead of each record waiting for
/// its own. A prefetch never faults and changes nothing a program computes, so an address that has
/// gone stale (an object the collector has since moved) costs only the wasted hint. A no-op where
/// the instruction is not available.
/// </summary>
internal static unsafe class Prefetch
{
    private const int LineBytes = 64;

    /// <summary>Where a one-dimensional array's elements start: after its method table pointer and its length (padded to a pointer).</summary>
    internal static readonly nint ArrayDataOffset = 2 * sizeof(nint);

    /// <summary>Whether the hints do anything here; where not, callers skip the loads that would find their addresses.</summary>
    public static bool IsSupported => Sse.IsSupported;

    /// <summary>
    /// The line of <paramref name="array"/>[<paramref name="index"/>]. Any index will do, and the
    /// array's header is not read (it is usually on another line, which may not be cached): the
    /// address is computed from the reference as a number. (Through
    /// <c>MemoryMarshal.GetArrayDataReference</c> the JIT emitted a null check that loads the header,
    /// and the loop stalled on it.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Element<T>(T[] array, int index)
    {
        if (Sse.IsSupported)
        {
            byte* first = (byte*)Unsafe.As<T[], nint>(ref array) + ArrayDataOffset;
            Sse.Prefetch0(first + ((nint)index * Unsafe.SizeOf<T>()));
        }
    }

    /// <summary>The lines holding an object's first <paramref name="bytes"/> bytes of fields, wherever they start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Object(object target, int bytes)
    {
        if (Sse.IsSupported)
        {
            byte* fields = (byte*)Unsafe.AsPointer(ref Unsafe.As<RawData>(target).Data);
            for (int offset = 0; offset < bytes; offset += LineBytes)
            {
                Sse.Prefetch0(fields + offset);
            }

            Sse.Prefetch0(fields + bytes - 1);
        }
    }

    // The layout every object has after its method table pointer: its fields, from the first.
    private sealed class RawData
    {
#pragma warning disable CS0649 // Never written: only its address is taken.
        public byte Data;
#pragma warning restore CS0649
    }
}
