using System.Reflection;
using System.Runtime.CompilerServices;

namespace Dsl.Runtime.State;

/// <summary>
/// Checks that a table's key and value types can live in the FASTER store. Keys are compared and
/// hashed as raw bytes, so they must have no padding (whose bytes are not defined) and only
/// integral fields (floating point has two zeros and many NaNs).
/// </summary>
internal static class StateLayout
{
    public static void CheckKey<TKey>(string table)
        where TKey : unmanaged
    {
        int size = Unsafe.SizeOf<TKey>();
        if (size > StateKey.PayloadSize)
        {
            throw new InvalidOperationException($"The key of state table \"{table}\" ({typeof(TKey).Name}) has {size} bytes; at most {StateKey.PayloadSize} fit.");
        }

        if (FieldBytes(typeof(TKey)) != size)
        {
            throw new InvalidOperationException($"The key of state table \"{table}\" ({typeof(TKey).Name}) has padding or non-integral fields; give it [StructLayout(LayoutKind.Sequential, Pack = 4)] and integer fields.");
        }
    }

    public static void CheckValue<TValue>(string table)
        where TValue : unmanaged
    {
        int size = Unsafe.SizeOf<TValue>();
        if (size > StateValue.Size)
        {
            throw new InvalidOperationException($"The value of state table \"{table}\" ({typeof(TValue).Name}) has {size} bytes; at most {StateValue.Size} fit.");
        }
    }

    /// <summary>A name that changes when the type's fields change: part of a checkpoint's table registry.</summary>
    public static string Describe(Type type) =>
        $"{type.FullName}[{string.Join(',', Fields(type).Select(f => $"{f.FieldType.Name} {f.Name}"))}]";

    /// <summary>Whether a table stored with <paramref name="layout"/> reads as <paramref name="type"/>: its own layout, or an earlier one it declares.</summary>
    public static bool Reads(Type type, string layout) =>
        layout == Describe(type) || type.GetCustomAttributes<ReadsEarlierLayoutAttribute>().Any(earlier => earlier.Layout == layout);

    private static int FieldBytes(Type type)
    {
        if (type.IsEnum)
        {
            return FieldBytes(Enum.GetUnderlyingType(type));
        }

        if (type.IsPrimitive)
        {
            return type == typeof(float) || type == typeof(double) || type == typeof(nint) || type == typeof(nuint) ? -1 : SizeOf(type);
        }

        int total = 0;
        foreach (FieldInfo field in Fields(type))
        {
            int bytes = FieldBytes(field.FieldType);
            if (bytes < 0)
            {
                return -1;
            }

            total += bytes;
        }

        return total;
    }

    private static IEnumerable<FieldInfo> Fields(Type type) =>
        type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    private static int SizeOf(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
        TypeCode.Char or TypeCode.Int16 or TypeCode.UInt16 => 2,
        TypeCode.Int32 or TypeCode.UInt32 => 4,
        _ => 8,
    };
}
