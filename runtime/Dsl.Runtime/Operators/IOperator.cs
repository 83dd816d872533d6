namespace Dsl.Runtime.Operators;

/// <summary>What the job instance needs from every operator besides its typed record entry point.</summary>
public interface IOperator
{
    string Name { get; }

    /// <summary>End of input: emit every open window or interval, then drop all state.</summary>
    void Flush();

    /// <summary>
    /// Realtime: the asset has been silent for <c>idle</c>. Its windows or intervals that end by the
    /// wall clock <paramref name="nowMs"/> are closed as the end of input would close them, and stay
    /// closed (the asset's latest time moves to where they expire); the others stay open, for the
    /// records still to come. Returns the earliest end of those left open (MaxValue: none), when
    /// to call again if the asset stays silent.
    /// </summary>
    long CloseIdle(int asset, long nowMs);
}
