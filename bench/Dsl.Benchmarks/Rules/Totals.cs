namespace Dsl.Benchmarks.Rules;

/// <summary>What every implementation of a rule returns: how many outputs and the sum of their values.</summary>
public readonly record struct Totals(long Count, double Sum)
{
    /// <summary>Same outputs, allowing for the order in which floating-point sums were added.</summary>
    public bool Matches(Totals other) =>
        Count == other.Count && Math.Abs(Sum - other.Sum) <= 1e-9 * Math.Max(1, Math.Abs(Sum));
}
