namespace Dsl.Runtime.Operators.Merge;

/// <summary>
/// Implemented by a generated struct per merge block: the expressions of its outputs. Each
/// evaluation gives every output's result, in the block's order, to the emitter: its value, or
/// <see cref="EvalStatus.Missing"/> when a value it needs is missing (unless absorbed by
/// <c>coalesce</c>) and <see cref="EvalStatus.MissingAttribute"/> when an attribute is absent.
/// </summary>
/// <remarks>
/// One method for all the outputs, not one call per output: the generated code evaluates them one
/// after the other, with no loop or switch over the output's index around it.
/// </remarks>
public interface IMergeOutputs
{
    void EvaluateAll(in MergeScope scope, in MergeEmitter emitter);
}
