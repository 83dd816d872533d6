namespace Dsl.Runtime.Operators.Windows;

/// <summary>The <c>emit</c> option of an aggregate block.</summary>
public enum EmitPolicy : byte
{
    /// <summary>The result when the window is due, then an update for every late record accepted.</summary>
    Ontime,

    /// <summary>Once, when lateness has expired.</summary>
    Final,

    /// <summary>Partial results every D of event time, then on time, then updates.</summary>
    Early,
}
