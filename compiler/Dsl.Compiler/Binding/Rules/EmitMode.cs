namespace Dsl.Compiler.Binding;

/// <summary>When an aggregate emits its results.</summary>
public enum EmitMode
{
    /// <summary>When the window is due, then an update per accepted late record (the default).</summary>
    OnTime,

    /// <summary>Once, when the lateness has expired.</summary>
    Final,

    /// <summary>Partial results every period of event time, then on time, then updates.</summary>
    Early,
}
