using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Implemented by a generated struct per merge block: the expression of each output. Return
/// <see cref="EvalStatus.Missing"/> when a value it needs is missing (unless absorbed by
/// <c>coalesce</c>) and <see cref="EvalStatus.MissingAttribute"/> when an attribute is absent.
/// </summary>
public interface IMergeOutputs
{
    EvalStatus Evaluate(int output, in MergeScope scope, out PointValue value);
}
