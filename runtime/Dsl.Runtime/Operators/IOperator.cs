namespace Dsl.Runtime.Operators;

/// <summary>What the job instance needs from every operator besides its typed record entry point.</summary>
public interface IOperator
{
    string Name { get; }

    /// <summary>
    /// End of input: emit the open windows or intervals of the assets <paramref name="includes"/>
    /// takes (every asset at the end of input; at the end of a scheduled run, those it read records
    /// of, as the others have the result the run before gave them), then drop their state.
    /// </summary>
    void Flush(Predicate<int> includes);

    /// <summary>
    /// Realtime: the asset has been silent for <c>idle</c>. Its windows or intervals that end by the
    /// wall clock <paramref name="nowMs"/> are closed as the end of input would close them, and stay
    /// closed (the asset's latest time moves to where they expire); the others stay open, for the
    /// records still to come. Returns the earliest end of those left open (MaxValue: none), when
    /// to call again if the asset stays silent.
    /// </summary>
    long CloseIdle(int asset, long nowMs);
}
