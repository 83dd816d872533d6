namespace Dsl.Benchmarks.Rules;

/// <summary>
/// The three rule kinds of the language, one benchmark job each, and the energy rule both ways:
/// from a meter's register (<see cref="Energy"/>) and from power samples (<see cref="PowerEnergy"/>).
/// </summary>
public enum RuleKind
{
    Aggregate,
    Merge,
    Energy,
    PowerEnergy,
}
