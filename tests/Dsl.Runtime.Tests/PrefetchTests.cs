using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dsl.Runtime.Operators;
using Dsl.Runtime.Operators.Energy;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The address arithmetic behind the batch loop's prefetches. A wrong offset would not change any
/// result (a prefetch is only a hint), so these checks are what keeps the hints pointing at the
/// data they are meant for.
/// </summary>
public sealed class PrefetchTests
{
    [Fact]
    public void An_arrays_elements_start_where_the_prefetch_assumes()
    {
        long[] longs = new long[3];
        int[] ints = [1];
        Assert.Equal(Prefetch.ArrayDataOffset, ElementOffset(longs));
        Assert.Equal(Prefetch.ArrayDataOffset, ElementOffset(ints));
    }

    [Fact]
    public void Any_index_is_a_valid_hint()
    {
        // Before the first element, past the last and far beyond: none of them faults.
        var readings = new EnergyReading[4];
        foreach (int index in new[] { -1, 0, 3, 4, 1_000_000, int.MaxValue })
        {
            Prefetch.Element(readings, index);
        }

        Prefetch.Element(Array.Empty<EnergyReading>(), 0);
    }

    [Fact]
    public void An_energy_assets_state_fills_the_bytes_it_prefetches_to_within_a_line()
    {
        var state = new EnergyAssetState();
        Assert.InRange(RawDataSize(state), EnergyAssetState.FieldBytes - 63, EnergyAssetState.FieldBytes);
        state.PrefetchFields();
        state.PrefetchTails();
    }

    // Where element 0 lies from the object's address, while the array is pinned so neither moves.
    private static nint ElementOffset<T>(T[] array)
    {
        GCHandle pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            return pin.AddrOfPinnedObject() - Unsafe.As<T[], nint>(ref array);
        }
        finally
        {
            pin.Free();
        }
    }

    // The runtime's own count of an object's field bytes (internal to CoreLib, read through reflection).
    private static long RawDataSize(object target)
    {
        MethodInfo size = typeof(RuntimeHelpers).GetMethod("GetRawObjectDataSize", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("RuntimeHelpers.GetRawObjectDataSize is gone; measure the object another way.");
        return (long)(nuint)size.Invoke(null, [target])!;
    }
}
