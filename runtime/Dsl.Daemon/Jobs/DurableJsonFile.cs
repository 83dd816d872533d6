using System.Text.Json;
using System.Text.Json.Serialization;
using Dsl.Runtime.Checkpoints;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// A small JSON file of the data directory that must survive a crash whole: written to a temporary
/// file, synced, renamed over the old one and the folder synced, so a reader finds the old or the
/// new contents, never a part.
/// </summary>
internal static class DurableJsonFile
{
    private static readonly JsonSerializerOptions _json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The file's value, or null when there is no file.</summary>
    /// <exception cref="JsonException">The file does not hold a <typeparamref name="T"/>.</exception>
    public static T? Load<T>(string path) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), _json) : null;

    public static void Save<T>(string path, T value) =>
        DurableFiles.ReplaceAtomically(path, JsonSerializer.SerializeToUtf8Bytes(value, _json));
}
