namespace Dsl.Runtime.Checkpoints;

/// <summary>Where a run's input continues: the byte offset and the number of the last line processed.</summary>
/// <param name="Fingerprint">A hash of the input just before the offset, to notice that a resumed run reads another input; null when unknown.</param>
public sealed record InputPosition(long Offset, long Line, string? Fingerprint = null)
{
    public static InputPosition Start { get; } = new(0, 0);
}
