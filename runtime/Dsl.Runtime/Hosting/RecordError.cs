namespace Dsl.Runtime.Hosting;

/// <summary>Why an input line was rejected.</summary>
public enum RecordError
{
    MalformedJson,
    MissingField,
    InvalidField,
    InvalidTime,
    WrongValueType,
    ModelMismatch,
}
