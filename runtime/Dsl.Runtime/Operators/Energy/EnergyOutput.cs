using Dsl.Runtime.Time;

namespace Dsl.Runtime.Operators.Energy;

/// <summary>An output of an energy rule: <c>daily P</c> (grid = local calendar day) or <c>every D P</c>.</summary>
public sealed record EnergyOutput(int Point, GridSpec Grid)
{
    public static EnergyOutput Daily(int point) => new(point, GridSpec.Calendric(CalendarUnit.Day));
}
