namespace Dsl.Runtime.Records;

/// <summary>
/// One measure-point record as the job sees it: asset and point already resolved to dense slots,
/// the value widened to double (bool is 0/1) and, for string points, the text.
/// </summary>
/// <param name="Asset">Dense asset slot (see <see cref="Assets.AssetTable"/>).</param>
/// <param name="Point">Dense point slot (see <see cref="PointTable"/>).</param>
/// <param name="Time">Event time, Unix epoch milliseconds.</param>
/// <param name="Value">Numeric view of the value; int/long/bool widen to double.</param>
/// <param name="Text">The value of a string point; null for every other type.</param>
/// <param name="Quality">EnOS quality flag, 0 when absent.</param>
/// <param name="IsValid">False when the value lies outside the point's declared range: the record
/// then advances event time but is excluded from every rule.</param>
/// <param name="IsCorrection">A chained output that corrects the results emitted so far (an
/// <c>update</c>): the rules downstream correct what they derived from them.</param>
public readonly record struct InputRecord(
    int Asset,
    int Point,
    long Time,
    double Value,
    string? Text,
    int Quality,
    bool IsValid,
    bool IsCorrection = false);
