namespace Dsl.Runtime.Records;

/// <summary>The wire names of <see cref="CalMode"/>.</summary>
public static class CalModeNames
{
    public static string Of(CalMode mode) => mode switch
    {
        CalMode.Early => "early",
        CalMode.Update => "update",
        CalMode.Final => "final",
        _ => "ontime",
    };
}
