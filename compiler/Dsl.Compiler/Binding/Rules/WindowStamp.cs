namespace Dsl.Compiler.Binding;

/// <summary>The time an aggregate's output records carry.</summary>
public enum WindowStamp
{
    /// <summary>The window start (EnOS; the default).</summary>
    Start,

    /// <summary>The window end.</summary>
    End,
}
