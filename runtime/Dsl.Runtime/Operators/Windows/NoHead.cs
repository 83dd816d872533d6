using Dsl.Runtime.Assets;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Operators.Aggregates;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Operators.Windows;

/// <summary>
/// The head of a block with an aggregate that needs every sample (median, percentile, twa,
/// integral): there is none, and every window lives in the keyed state.
/// </summary>
public struct NoHead : IWindowHead
{
    public void Add(long time, double[] values, EvalStatus[] statuses) =>
        throw new InvalidOperationException("A block without a head slot has no partials to add to.");

    public HeadAddResult AddRecord(in InputRecord record, in AssetScope asset) =>
        throw new InvalidOperationException("A block without a head slot has no partials to add to.");

    public readonly void CopyTo(int output, ref Moments moments) =>
        throw new InvalidOperationException("A block without a head slot has no partials to read.");

    public void Load(int output, in Moments moments) =>
        throw new InvalidOperationException("A block without a head slot has no partials to load.");

    public readonly void Emit(int asset, long time, CalMode mode, OutputRouter output) =>
        throw new InvalidOperationException("A block without a head slot has no partials to read.");
}
