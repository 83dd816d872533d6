using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// Implemented by a generated struct per aggregate block and input point whose aggregates all fit
/// in fixed-size partials: the partial results of one window, one compact field per output holding
/// only what that output's aggregate reads. <see cref="WindowOperator{TInputs, THead}"/> keeps one
/// per asset in a dense array for the asset's newest window, so that a record in order needs no
/// keyed-state lookup. Its layout is the code generator's to choose: checkpoints hold heads as
/// moments (<see cref="CopyTo"/> and <see cref="Load"/>), not as this struct's bytes.
/// </summary>
public interface IWindowHead
{
    /// <summary>Adds the values of the outputs whose status is <see cref="EvalStatus.Ok"/>.</summary>
    void Add(long time, double[] values, EvalStatus[] statuses);

    /// <summary>
    /// Evaluates every output's expression for a record in the head's window and adds the values:
    /// generated straight-line code, each distinct expression evaluated once.
    /// </summary>
    HeadAddResult AddRecord(in InputRecord record, in AssetScope asset);

    /// <summary>Writes output <paramref name="output"/>'s partial into <paramref name="moments"/> (the fields its aggregate reads).</summary>
    void CopyTo(int output, ref Moments moments);

    /// <summary>
    /// Sets output <paramref name="output"/>'s partial from <paramref name="moments"/>, the inverse of
    /// <see cref="CopyTo"/>: how a checkpoint's heads, held as moments, come back whatever the layout.
    /// </summary>
    void Load(int output, in Moments moments);

    /// <summary>
    /// Emits the window's results, each output's as <see cref="AggregateMath.Compute"/> gives it from
    /// the partial: generated straight-line code, with each output's function and point constant.
    /// </summary>
    void Emit(int asset, long time, CalMode mode, OutputRouter output);
}
