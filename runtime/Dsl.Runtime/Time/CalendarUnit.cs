namespace Dsl.Runtime.Time;

/// <summary>Calendar sizes, aligned in the asset's zone; <see cref="None"/> means a fixed size in milliseconds.</summary>
public enum CalendarUnit : byte
{
    None,
    Day,
    Week,
    Month,
}
