using Dsl.Compiler.Binding;

namespace Dsl.Compiler.Planning;

/// <summary>An energy rule.</summary>
public sealed record EnergyOperatorPlan(string Name, BoundEnergyRule Energy)
    : OperatorPlan(Name, Energy, [Energy.SourcePoint])
{
    public override string Kind => "energy";

    public override string StateSchema =>
        $"{Energy.Method.ToString().ToLowerInvariant()} input={Energy.SourcePoint.QualifiedName} daily={Energy.Daily is not null} every={Energy.Every?.Period.ToString() ?? "none"} split={Energy.Split}";
}
