namespace Dsl.Runtime.Sources;

/// <summary>What is wrong with a record's <c>time</c>, so that its error says which rule it broke.</summary>
public enum TimeProblem : byte
{
    None,

    /// <summary>Neither a number nor an ISO-8601 date-time (a bool, an object, "yesterday").</summary>
    NotATime,

    /// <summary>A number with a fraction of a millisecond.</summary>
    NotWhole,

    /// <summary>A time outside years 2 to 9998 (UTC), or a number beyond even a double's range.</summary>
    OutOfRange,
}
