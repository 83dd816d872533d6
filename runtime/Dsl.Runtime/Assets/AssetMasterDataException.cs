namespace Dsl.Runtime.Assets;

/// <summary>
/// An asset master data file that cannot be used: its message names the file and the defect (the
/// line and column of JSON that does not parse, else the entry or the asset), as said to a user.
/// </summary>
public sealed class AssetMasterDataException : Exception
{
    public AssetMasterDataException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
