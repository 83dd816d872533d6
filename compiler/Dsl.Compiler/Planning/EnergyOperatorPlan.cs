using Dsl.Compiler.Binding;

namespace Dsl.Compiler.Planning;

/// <summary>An energy rule.</summary>
public sealed record EnergyOperatorPlan(string Name, BoundEnergyRule Energy)
    : OperatorPlan(Name, Energy, [Energy.SourcePoint])
{
    public override string Kind => "energy";

    // layout=3: a reading in the horizon is its time and value only (layout 2 also stored the state
    // after it and what its step added; layout 1 kept the interval totals in a keyed table), so a
    // checkpoint of an older layout is not this operator's state.
    public override string StateSchema =>
        $"{Energy.Method.ToString().ToLowerInvariant()} input={Energy.SourcePoint.QualifiedName} daily={Energy.Daily is not null} every={Energy.Every?.Period.ToString() ?? "none"} split={Energy.Split} layout=3";
}
