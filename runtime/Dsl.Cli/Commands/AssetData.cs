using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;

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
            assets = AssetMasterDataFile.Read(path);
            return true;
        }
        catch (AssetMasterDataException e)
        {
            Console.Error.WriteLine($"dsl {command}: {e.Message}");
            return false;
        }
    }

    /// <summary>Whether the master data's values suit the job's attribute declarations; prints why not.</summary>
    public static bool Suits(JobManifest manifest, IReadOnlyList<AssetMasterData>? assets, string? path, string command)
    {
        if (assets is null || path is null)
            return true;
        try
        {
            AssetMasterDataFile.Check(manifest, assets, path);
            return true;
        }
        catch (AssetMasterDataException e)
        {
            Console.Error.WriteLine($"dsl {command}: {e.Message}");
            return false;
        }
    }
}
