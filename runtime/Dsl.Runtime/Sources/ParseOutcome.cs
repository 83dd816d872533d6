namespace Dsl.Runtime.Sources;

public enum ParseOutcome : byte
{
    Record,

    /// <summary>A blank line.</summary>
    Empty,

    /// <summary>A model or point the job does not read; counted <c>ignored</c>.</summary>
    Ignored,

    /// <summary>Rejected; counted by reason and written to the error log.</summary>
    Error,
}
