namespace Dsl.Runtime.Records;

/// <summary>Declared type of a point's value; decides what JSON value an input must carry and how an output is written.</summary>
public enum PointValueType : byte
{
    Double,
    Long,
    Int,
    Bool,
    String,
}
