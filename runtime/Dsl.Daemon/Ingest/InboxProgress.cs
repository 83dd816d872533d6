using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dsl.Daemon.Ingest;

/// <summary>
/// How far the inbox read a file, kept as the offline channel's commit note (so it says exactly
/// what the channel holds): the file by its name, its size and the SHA-256 of its first
/// <see cref="Hashed"/> bytes, and where the lines stored end. Another file dropped under the same
/// name differs in its size or its bytes, and is read from its start.
/// </summary>
internal sealed record InboxProgress(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("offset")] long Offset,
    [property: JsonPropertyName("lines")] ulong Lines,
    [property: JsonPropertyName("hashed")] long Hashed,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    /// <summary>Where the lines stored end.</summary>
    [JsonIgnore]
    public InputPosition Ended => new(Offset, Lines);

    public string ToNote() => JsonSerializer.Serialize(this);

    /// <summary>The progress a note holds; null for none, or a note that is not the inbox's.</summary>
    public static InboxProgress? Parse(string? note)
    {
        if (note is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<InboxProgress>(note) is { File: not null, Sha256: not null } progress
                && progress.Offset >= 0 && progress.Offset <= progress.Size && progress.Hashed >= progress.Offset && progress.Hashed <= progress.Size
                ? progress
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
