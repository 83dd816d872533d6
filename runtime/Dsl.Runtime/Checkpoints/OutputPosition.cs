namespace Dsl.Runtime.Checkpoints;

/// <summary>How much output a checkpoint covers: bytes for a file (or records for another sink).</summary>
/// <param name="Fingerprint">A hash of the output just before the position; null when the sink has none.</param>
public sealed record OutputPosition(long Position, string? Fingerprint = null)
{
    public static OutputPosition Start { get; } = new(0);
}
