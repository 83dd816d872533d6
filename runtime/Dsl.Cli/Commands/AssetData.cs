using System.Text.Json;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

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
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl {command}: {path}: the asset master data cannot be read: {e.Message}");
            return false;
        }
    }

    /// <summary>Whether the master data's values suit the job's attribute declarations; prints why not.</summary>
    public static bool Suits(JobManifest manifest, IReadOnlyList<AssetMasterData>? assets, string? path, string command)
    {
        if (assets is null)
            return true;
        try
        {
            AttributeTypeCheck.Check(manifest, new PointTable(manifest), assets);
            return true;
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine($"dsl {command}: {path}: the asset master data does not suit the job: {e.Message}");
            return false;
        }
    }
}
