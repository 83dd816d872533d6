using System.Text.Json;
using Dsl.Runtime.Assets;

namespace Dsl.Cli.Commands;

/// <summary>Reads <c>--assets</c>, reporting a bad file as a user error instead of a crash.</summary>
public static class AssetData
{
    public static bool TryRead(string? path, string command, out IReadOnlyList<AssetMasterData>? assets)
    {
        assets = null;
        if (path is null)
            return true;
        try
        {
            using var stream = File.OpenRead(path);
            assets = AssetMasterDataReader.Read(stream);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine($"dsl {command}: {path}: the asset master data cannot be read: {e.Message}");
            return false;
        }
    }
}
