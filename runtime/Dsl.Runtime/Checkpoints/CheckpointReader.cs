using System.Text;

namespace Dsl.Runtime.Checkpoints;

/// <summary>Reads what <see cref="CheckpointWriter"/> wrote, in the same order.</summary>
public sealed class CheckpointReader
{
    private readonly BinaryReader _reader;

    internal CheckpointReader(Stream stream) => _reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>Whether everything has been read: state added to an operator later is absent from older checkpoints.</summary>
    public bool AtEnd => _reader.BaseStream.Position >= _reader.BaseStream.Length;

    public bool ReadBoolean() => _reader.ReadBoolean();

    public int ReadInt32() => _reader.ReadInt32();

    /// <summary>A count or length: negative or absurd values mean the checkpoint is damaged.</summary>
    public int ReadCount()
    {
        int count = _reader.ReadInt32();
        long left = _reader.BaseStream.Length - _reader.BaseStream.Position;
        return count >= 0 && count <= left ? count : throw new InvalidDataException($"A checkpointed count ({count}) is out of range.");
    }

    public long ReadInt64() => _reader.ReadInt64();

    public double ReadDouble() => BitConverter.Int64BitsToDouble(_reader.ReadInt64());

    /// <summary>Fills <paramref name="destination"/> with the next bytes; the checkpoint is damaged if they run out.</summary>
    public void ReadBytes(Span<byte> destination) => _reader.BaseStream.ReadExactly(destination);

    public string? ReadString() => _reader.ReadBoolean() ? _reader.ReadString() : null;
}
