using System.Text;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Operators;
using Dsl.Runtime.State;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// <c>runtime.bin</c>: everything of a run a checkpoint needs besides FASTER and the manifest —
/// the store's table registry and asset tables, the asset slots, and each operator's object state.
/// Sections in that order, so the store can be recovered before the job instance is created.
/// </summary>
internal static class RuntimeSnapshot
{
    private const string Magic = "dsl-runtime-state/1";

    public static byte[] Write(JobSession session, FasterStateStore store)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            store.WriteMetadata(writer);
            writer.Write(session.Assets.Count);
            for (int asset = 0; asset < session.Assets.Count; asset++)
            {
                writer.Write(session.Assets.Id(asset));
                writer.Write(session.Assets.Model(asset));
            }

            var operators = session.Instance.Operators.OfType<ICheckpointedOperator>().ToList();
            writer.Write(operators.Count);
            foreach (ICheckpointedOperator op in operators)
            {
                using var content = new MemoryStream();
                var opWriter = new CheckpointWriter(content);
                op.WriteState(opWriter);
                opWriter.Flush();
                writer.Write(((IOperator)op).Name);
                writer.Write(checked((int)content.Length));
                writer.Write(content.GetBuffer(), 0, (int)content.Length);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Positions a reader at the store's section (the first) and checks the header.</summary>
    public static BinaryReader Open(byte[] content)
    {
        var reader = new BinaryReader(new MemoryStream(content, writable: false), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("runtime.bin is not runtime state of this format");
        }

        return reader;
    }

    /// <summary>
    /// After the store's section: restores asset slots and operator state into a fresh session.
    /// Operators of the checkpoint that the job no longer has are skipped (an upgrade may remove them).
    /// </summary>
    public static void Restore(BinaryReader reader, JobSession session)
    {
        int assets = reader.ReadInt32();
        var slots = new List<(string, int)>(Math.Max(0, assets));
        for (int i = 0; i < assets; i++)
        {
            slots.Add((reader.ReadString(), reader.ReadInt32()));
        }

        session.Assets.Restore(slots);
        var operators = session.Instance.Operators.OfType<ICheckpointedOperator>().ToDictionary(op => ((IOperator)op).Name, StringComparer.Ordinal);
        int count = reader.ReadInt32();
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString();
            int length = reader.ReadInt32();
            byte[] content = reader.ReadBytes(length);
            if (content.Length != length)
            {
                throw new EndOfStreamException($"The state of operator \"{name}\" ends early.");
            }

            if (operators.TryGetValue(name, out ICheckpointedOperator? op))
            {
                using var stream = new MemoryStream(content, writable: false);
                op.ReadState(new CheckpointReader(stream));
                if (stream.Position != stream.Length)
                {
                    throw new InvalidDataException($"The state of operator \"{name}\" has {stream.Length - stream.Position} bytes the operator did not read.");
                }
            }
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException("runtime.bin has trailing bytes");
        }
    }
}
