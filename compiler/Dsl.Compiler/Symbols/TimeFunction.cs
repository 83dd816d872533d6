namespace Dsl.Compiler.Symbols;

/// <summary>Parts of the evaluation time in the asset's time zone.</summary>
public enum TimeFunction
{
    Hour,
    Minute,
    Weekday,
    Day,
    Month,
    Year,
}
