using System.Text;

namespace Dsl.Runtime.Checkpoints;

/// <summary>
/// Where an operator writes the checkpointed state that does not live in the state store (its
/// object state: sample lists, session records, value histories, energy horizons). Doubles are
/// written bit for bit, so a restored run computes exactly what an uninterrupted one would.
/// </summary>
public sealed class CheckpointWriter
{
    private readonly BinaryWriter _writer;

    internal CheckpointWriter(Stream stream) => _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

    public void Write(bool value) => _writer.Write(value);

    public void Write(int value) => _writer.Write(value);

    public void Write(long value) => _writer.Write(value);

    public void Write(double value) => _writer.Write(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Raw bytes of blittable state (its length is the reader's to know).</summary>
    public void Write(ReadOnlySpan<byte> bytes) => _writer.Write(bytes);

    /// <summary>A nullable string: a presence flag, then the text.</summary>
    public void Write(string? value)
    {
        _writer.Write(value is not null);
        if (value is not null)
        {
            _writer.Write(value);
        }
    }

    internal void Flush() => _writer.Flush();
}
