using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// <c>count(P) fill N</c> for an asset that lacks an attribute the output needs (in its
/// <c>where</c> or its argument, with no value and no default): the rule skips that asset for
/// the output, so it gets no fill results either, not even for windows without records. Whether
/// an output lacks an attribute does not depend on the record (the generated code reads every
/// attribute an expression may need whichever branch it takes), so a record with any value tells.
/// </summary>
internal static class FillSkip
{
    public static bool LacksAttribute<TInputs>(in TInputs inputs, JobContext context, int output, int asset, int point, long time)
        where TInputs : struct, IWindowInputs
    {
        var probe = new InputRecord(asset, point, time, 0d, string.Empty, 0, IsValid: true);
        return inputs.Evaluate(output, probe, context.Scope(asset), out _) == EvalStatus.MissingAttribute;
    }
}
