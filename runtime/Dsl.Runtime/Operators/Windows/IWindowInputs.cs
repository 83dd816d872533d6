using Dsl.Runtime.Assets;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// Implemented by a generated struct per aggregate block and input point: the <c>where</c> filter
/// and the argument expression of each output. The operator is generic over it, so the calls are
/// direct and inlinable. Called only for accepted records whose value is valid.
/// </summary>
public interface IWindowInputs
{
    /// <summary>
    /// Evaluates output <paramref name="output"/> (index in the block's output list) for the record:
    /// <see cref="EvalStatus.Ok"/> with the value, <see cref="EvalStatus.Filtered"/> when <c>where</c>
    /// rejects it, <see cref="EvalStatus.MissingAttribute"/> when an attribute it needs is absent.
    /// </summary>
    EvalStatus Evaluate(int output, in InputRecord record, in AssetScope asset, out double value);
}
