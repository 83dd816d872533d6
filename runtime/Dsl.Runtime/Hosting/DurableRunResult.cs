using Dsl.Runtime.Checkpoints;

namespace Dsl.Runtime.Hosting;

/// <summary>What <c>dsl run --state</c> did.</summary>
/// <param name="AlreadyComplete">The state directory recorded a finished run: nothing was read or written.</param>
/// <param name="ResumedFrom">The input position the run continued from (the start for a new run).</param>
/// <param name="Checkpoints">Checkpoints committed by this process, the final one included.</param>
/// <param name="Messages">Warnings and notes for the user (DSL5002, DSL5010).</param>
/// <param name="SecondsLike">Records of this process's part of the run timed as epoch seconds would be.</param>
public sealed record DurableRunResult(
    bool AlreadyComplete,
    bool Resumed,
    InputPosition ResumedFrom,
    IReadOnlyDictionary<string, long> Counters,
    int Checkpoints,
    IReadOnlyList<string> Messages,
    SecondsLikeTimes? SecondsLike = null);
