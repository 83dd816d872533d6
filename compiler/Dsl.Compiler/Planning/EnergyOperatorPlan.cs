using Dsl.Compiler.Binding;

namespace Dsl.Compiler.Planning;

/// <summary>An energy rule.</summary>
public sealed record EnergyOperatorPlan(string Name, BoundEnergyRule Energy)
    : OperatorPlan(Name, Energy, [Energy.SourcePoint])
{
    public override string Kind => "energy";

    // layout=2: interval totals are part of the operator's own per-asset state (they used to be a
    // keyed table), so a checkpoint of the older layout is not this operator's state.
    public override string StateSchema =>
        $"{Energy.Method.ToString().ToLowerInvariant()} input={Energy.SourcePoint.QualifiedName} daily={Energy.Daily is not null} every={Energy.Every?.Period.ToString() ?? "none"} split={Energy.Split} layout=2";
}
