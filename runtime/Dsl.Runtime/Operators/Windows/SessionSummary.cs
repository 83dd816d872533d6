namespace Dsl.Runtime.Operators.Windows;

/// <summary>One session of an asset: a run of its open records.</summary>
internal struct SessionSummary
{
    public int First;
    public int Count;
    public long Start;
    public long Last;
    public bool Emitted;

    /// <summary>Emitted, then changed (a record joined, a value was replaced, sessions were re-cut): its next output is an update.</summary>
    public bool Changed;
    public long EarlyTick;
}
