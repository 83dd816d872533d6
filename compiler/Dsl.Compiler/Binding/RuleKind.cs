namespace Dsl.Compiler.Binding;

/// <summary>The three rule kinds of a job.</summary>
public enum RuleKind
{
    Aggregate,
    Merge,
    Energy,
}
