using Dsl.Runtime.Records;

namespace Dsl.Runtime.Jobs;

/// <summary>
/// A point the job knows. Its index in <see cref="JobManifest.Points"/> is its dense slot, the
/// number generated code switches on.
/// </summary>
/// <param name="IsInput">Read by at least one rule.</param>
/// <param name="IsOutput">Written by a rule. A point that is both is chained: its outputs are fed back into the job.</param>
public sealed record PointManifest(
    string ModelId,
    string PointId,
    PointKind Kind,
    PointValueType ValueType,
    string? Unit,
    ValueInterval? Range,
    bool IsInput,
    bool IsOutput);
