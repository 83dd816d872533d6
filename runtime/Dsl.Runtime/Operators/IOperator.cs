namespace Dsl.Runtime.Operators;

/// <summary>What the job instance needs from every operator besides its typed record entry point.</summary>
public interface IOperator
{
    string Name { get; }

    /// <summary>End of input: emit every open window or interval, then drop all state.</summary>
    void Flush();

    /// <summary>
    /// Realtime: the asset has been silent for <c>idle</c>, so its event time follows the wall clock
    /// to <paramref name="nowMs"/>: what that makes due or expired is emitted and dropped, as if
    /// its records had kept coming.
    /// </summary>
    void AdvanceIdle(int asset, long nowMs);
}
