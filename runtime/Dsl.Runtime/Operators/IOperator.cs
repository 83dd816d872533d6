namespace Dsl.Runtime.Operators;

/// <summary>What the job instance needs from every operator besides its typed record entry point.</summary>
public interface IOperator
{
    string Name { get; }

    /// <summary>End of input: emit every open window or interval, then drop all state.</summary>
    void Flush();

    /// <summary>Realtime: the asset has been silent for <c>idle</c>; close and emit its due windows.</summary>
    void CloseIdle(int asset);
}
