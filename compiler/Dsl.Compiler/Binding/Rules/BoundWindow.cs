namespace Dsl.Compiler.Binding;

/// <summary>The window of an aggregate rule.</summary>
public abstract record BoundWindow
{
    /// <summary>True for 1d/1w/1mo windows: local midnight, Monday or the first of the month in the asset's zone.</summary>
    public abstract bool IsCalendar { get; }
}
