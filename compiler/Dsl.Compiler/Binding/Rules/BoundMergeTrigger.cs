namespace Dsl.Compiler.Binding;

/// <summary>What makes a merge evaluate.</summary>
public abstract record BoundMergeTrigger;
