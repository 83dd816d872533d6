namespace Dsl.Runtime.Records;

/// <summary>EnOS point kinds.</summary>
public enum PointKind : byte
{
    Ai,
    Di,
    Pi,
    Generic,
}
