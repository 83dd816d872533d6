namespace Dsl.Benchmarks.Rules;

/// <summary>The three rule kinds of the language, one benchmark job each.</summary>
public enum RuleKind
{
    Aggregate,
    Merge,
    Energy,
}
