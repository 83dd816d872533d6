using System.Text.Json;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sources;

namespace Dsl.Runtime.Assets;

/// <summary>
/// An asset master data file read for a job: <c>dsl run --assets</c> and <c>dsl preview --assets</c>, and
/// the daemon's <c>DATA/assets.json</c>. Every defect is an <see cref="AssetMasterDataException"/>
/// naming the file, so that both say the same of the same file.
/// </summary>
public static class AssetMasterDataFile
{
    /// <summary>The master data of <paramref name="path"/>.</summary>
    /// <exception cref="AssetMasterDataException">The file cannot be read, or is not master data.</exception>
    public static IReadOnlyList<AssetMasterData> Read(string path) =>
        ReadCore(path, absentIsNone: false) ?? throw new InvalidOperationException("a missing file is an error");

    /// <summary>The master data of <paramref name="path"/>, or null when there is no such file.</summary>
    /// <exception cref="AssetMasterDataException">The file cannot be read, or is not master data.</exception>
    public static IReadOnlyList<AssetMasterData>? ReadIfPresent(string path) => ReadCore(path, absentIsNone: true);

    /// <summary>Checks the values against the job's attribute declarations.</summary>
    /// <exception cref="AssetMasterDataException">Values of the wrong type, each named with its asset.</exception>
    public static void Check(JobManifest manifest, IReadOnlyList<AssetMasterData> assets, string path)
    {
        try
        {
            AttributeTypeCheck.Check(manifest, new PointTable(manifest), assets);
        }
        catch (InvalidDataException e)
        {
            throw new AssetMasterDataException($"{path}: the asset master data does not suit the job: {Printable(e.Message)}", e);
        }
    }

    // The file's text (an asset id, a zone) quoted in a message, whose control characters would act
    // on the terminal (an escape turning it red) or split the message's line.
    private static string Printable(string message) => Hosting.PrintableText.OneLine(message);

    private static IReadOnlyList<AssetMasterData>? ReadCore(string path, bool absentIsNone)
    {
        // Opened, a folder is "access denied" in .NET's words, which sends the user to its permissions.
        if (Directory.Exists(path))
        {
            throw new AssetMasterDataException($"{path}: the asset master data cannot be read: it is a folder, not a file", null);
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            return AssetMasterDataReader.Read(stream);
        }
        catch (Exception e) when (absentIsNone && e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new AssetMasterDataException($"{path}: the asset master data cannot be read: not valid JSON{JsonProblem.Position(e)}: {JsonProblem.Reason(e)}", e);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new AssetMasterDataException($"{path}: the asset master data cannot be read: {Printable(e.Message)}", e);
        }
    }
}
