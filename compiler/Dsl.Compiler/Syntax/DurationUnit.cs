namespace Dsl.Compiler.Syntax;

/// <summary>The unit of a duration literal. Weeks start on Monday; a month is a calendar month.</summary>
public enum DurationUnit
{
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
}
