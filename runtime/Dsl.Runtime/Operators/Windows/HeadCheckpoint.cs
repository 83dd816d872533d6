using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Operators.Aggregates;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>A head slot as a checkpoint holds it: its window, whether it was emitted, each output's partial as moments.</summary>
internal readonly record struct HeadState(int Asset, long Start, long End, bool Emitted, Moments[] Outputs);

/// <summary>
/// The checkpoint format of a block's head slots: the slot count, then each active head's window
/// and, per output, what its aggregate kind reads of the moments. Heads are written as moments so that the code generator can lay out
/// a head's fields as it likes without making checkpoints unreadable. Checkpoints from before this
/// format hold the slots' bytes instead, with a layout that followed from the aggregate kinds alone;
/// <see cref="Read"/> decodes those as well.
/// </summary>
internal static class HeadCheckpoint
{
    // Stands where the byte format wrote its slot size, which is never 0.
    private const int MomentsFormat = 0;

    // The byte format's slot: start, end, active and emitted flags, padding, then per output a
    // 16-byte count and value (count, sum, avg: the sum; min; max) or the 80-byte moments.
    private const int SlotHeaderBytes = 24;
    private const int CompactPartialBytes = 16;

    // More slots than any asset table holds: a damaged count, not an array to allocate.
    private const int MaxSlots = 1 << 28;

    /// <summary>Starts the section: <paramref name="active"/> heads follow, each written with <see cref="WriteHead"/>.</summary>
    public static void WriteHeader(CheckpointWriter writer, int slots, int active)
    {
        writer.Write(slots);
        writer.Write(MomentsFormat);
        writer.Write(active);
    }

    /// <summary>One head: its window, then each output's partial through <see cref="WriteOutput"/>.</summary>
    public static void WriteHead(CheckpointWriter writer, int asset, long start, long end, bool emitted)
    {
        writer.Write(asset);
        writer.Write(start);
        writer.Write(end);
        writer.Write(emitted);
    }

    /// <summary>What the output's aggregate reads: a count and a value for the compact kinds, else the whole moments.</summary>
    public static void WriteOutput(CheckpointWriter writer, AggregateKind kind, in Moments moments)
    {
        if (!IsCompact(kind))
        {
            moments.WriteTo(writer);
            return;
        }

        writer.Write(moments.Count);
        writer.Write(kind switch
        {
            AggregateKind.Min => moments.Min,
            AggregateKind.Max => moments.Max,
            _ => moments.Sum,
        });
    }

    /// <summary>The slot count and the active heads, in either format; <paramref name="kinds"/> are the block's outputs'.</summary>
    public static (int Slots, List<HeadState> Heads) Read(CheckpointReader reader, IReadOnlyList<AggregateKind> kinds, string name)
    {
        // The slots are as many as the assets, not bounded by the bytes that follow.
        int slots = reader.ReadInt32();
        int format = reader.ReadInt32();
        if (slots < 0 || format < 0 || slots > MaxSlots)
        {
            throw new InvalidDataException($"The head slots of operator \"{name}\" are damaged.");
        }

        if (format != MomentsFormat)
        {
            return (slots, ReadSlotBytes(reader, slots, format, kinds, name));
        }

        int count = reader.ReadCount();
        var heads = new List<HeadState>(count);
        for (int i = 0; i < count; i++)
        {
            int asset = reader.ReadInt32();
            long start = reader.ReadInt64();
            long end = reader.ReadInt64();
            bool emitted = reader.ReadBoolean();
            var outputs = new Moments[kinds.Count];
            for (int o = 0; o < outputs.Length; o++)
            {
                outputs[o] = IsCompact(kinds[o]) ? Compact(kinds[o], reader.ReadInt64(), reader.ReadDouble()) : Moments.ReadFrom(reader);
            }

            if ((uint)asset >= (uint)slots)
            {
                throw new InvalidDataException($"A head slot of operator \"{name}\" is for asset {asset} of {slots}.");
            }

            heads.Add(new HeadState(asset, start, end, emitted, outputs));
        }

        return (slots, heads);
    }

    private static List<HeadState> ReadSlotBytes(CheckpointReader reader, int slots, int slotBytes, IReadOnlyList<AggregateKind> kinds, string name)
    {
        int expected = SlotHeaderBytes + kinds.Sum(kind => IsCompact(kind) ? CompactPartialBytes : Marshal.SizeOf<Moments>());
        if (slots > 0 && slotBytes != expected)
        {
            throw new InvalidDataException($"The head slots of operator \"{name}\" have another layout than this version's.");
        }

        var bytes = new byte[slots * slotBytes];
        reader.ReadBytes(bytes);
        var heads = new List<HeadState>();
        for (int asset = 0; asset < slots; asset++)
        {
            ReadOnlySpan<byte> slot = bytes.AsSpan(asset * slotBytes, slotBytes);
            if (slot[16] == 0)
            {
                continue;
            }

            var outputs = new Moments[kinds.Count];
            int at = SlotHeaderBytes;
            for (int o = 0; o < outputs.Length; o++)
            {
                if (IsCompact(kinds[o]))
                {
                    outputs[o] = Compact(kinds[o], BinaryPrimitives.ReadInt64LittleEndian(slot[at..]), BinaryPrimitives.ReadDoubleLittleEndian(slot[(at + 8)..]));
                    at += CompactPartialBytes;
                }
                else
                {
                    outputs[o] = MemoryMarshal.Read<Moments>(slot[at..]);
                    at += Marshal.SizeOf<Moments>();
                }
            }

            heads.Add(new HeadState(asset, BinaryPrimitives.ReadInt64LittleEndian(slot), BinaryPrimitives.ReadInt64LittleEndian(slot[8..]), slot[17] != 0, outputs));
        }

        return heads;
    }

    private static Moments Compact(AggregateKind kind, long count, double value) => kind switch
    {
        AggregateKind.Min => new Moments { Count = count, Min = value },
        AggregateKind.Max => new Moments { Count = count, Max = value },
        _ => new Moments { Count = count, Sum = value },
    };

    private static bool IsCompact(AggregateKind kind) =>
        kind is AggregateKind.Count or AggregateKind.Sum or AggregateKind.Avg or AggregateKind.Min or AggregateKind.Max;
}
