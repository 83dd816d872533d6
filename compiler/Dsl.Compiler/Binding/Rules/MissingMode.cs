namespace Dsl.Compiler.Binding;

/// <summary>What replaces an invalid power sample (<c>missing last | ignore</c>).</summary>
public enum MissingMode
{
    /// <summary>Drop the sample; the next valid one closes the step (EnOS "Ignore"; the default).</summary>
    Ignore,

    /// <summary>Use the last valid value in its place (EnOS "LastValue").</summary>
    Last,
}
