namespace Dsl.Runtime.State;

/// <summary>An asset-indexed table whose whole content a checkpoint copies (it is dense and small: one entry per asset).</summary>
internal interface ISnapshotAssetTable
{
    Type ValueType { get; }

    void WriteTo(BinaryWriter writer);

    void ReadFrom(BinaryReader reader);
}
