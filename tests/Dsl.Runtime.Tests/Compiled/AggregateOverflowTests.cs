using Dsl.Runtime.Hosting;
using static Dsl.Runtime.Tests.Support.Instants;

namespace Dsl.Runtime.Tests.Compiled;

/// <summary>
/// Finite values can aggregate to a result beyond the range of a double. Such a result is not
/// written and counts as <c>invalid_results</c>, as a NaN or infinite expression does; the variance of
/// one value has no result at all and counts nothing.
/// </summary>
public sealed class AggregateOverflowTests
{
    private const string Source = """
        job overflow
        settings { channel offline  timezone "UTC" }
        model M {
          ai P ai S ai Q ai R
          ai Sum ai Var ai Spread ai Sum2 ai Med ai SessionSum
        }
        aggregate M window tumbling 10m { Sum = sum(P)  Var = variance(P)  Spread = spread(S) }
        aggregate M window tumbling 10m { Sum2 = sum(Q)  Med = median(Q) }
        aggregate M window session 5m { SessionSum = sum(R) }
        """;

    [Fact]
    public void A_result_beyond_the_range_of_a_double_is_not_written_and_counts_as_invalid()
    {
        using var run = new ModelRun(Source);
        long t = At("2026-05-04T10:00:00Z");
        run.Add("P", t + Minute, 1e308).Add("P", t + (2 * Minute), 1e308).Add("P", t + (11 * Minute), 5);
        run.Add("S", t + Minute, 1e308).Add("S", t + (2 * Minute), -1e308);
        run.Add("Q", t + Minute, 1e308).Add("Q", t + (2 * Minute), 1e308);
        run.Add("R", t + Minute, 1e308).Add("R", t + (2 * Minute), 1e308);
        run.Complete();

        Assert.Equal(
            [("Var", t, 0d), ("Sum", t + (10 * Minute), 5d), ("Med", t, 1e308)],
            run.Outputs.OrderBy(o => o.Point == "Med"));
        // Sum, Spread, Sum2 and SessionSum of the first window; not the variance of 5 alone.
        Assert.Equal(4, run.Counters[Counter.InvalidResults]);
    }

    /// <summary>
    /// The sum and spread of long values are longs, and can lie beyond a long's range although a
    /// double holds them: not written (a long point would get its bound, a value no reading gave),
    /// and counted. An int point takes the count of a window of up to 2^31 − 1 records.
    /// </summary>
    [Fact]
    public void A_result_beyond_the_range_of_its_long_point_is_not_written_and_counts_as_invalid()
    {
        using var run = new ModelRun("""
            job overflow
            settings { channel offline  timezone "UTC" }
            model M { ai L: long  ai SpreadL: long  ai SumL: long  ai DeltaL: long  ai MaxL: long  ai N: int }
            aggregate M window tumbling 10m { SpreadL = spread(L)  SumL = sum(L)  DeltaL = delta(L)  MaxL = max(L)  N = count(L) }
            """);
        long t = At("2026-05-04T10:00:00Z");
        run.Add("L", t + Minute, -9e18).Add("L", t + (2 * Minute), 9e18).Add("L", t + (3 * Minute), 9e18);
        run.Add("L", t + (11 * Minute), -9e18).Add("L", t + (12 * Minute), -4e18);
        run.Complete();

        Assert.Equal(
            [("MaxL", t, 9e18), ("N", t, 3d), ("SumL", t, 9e18),
             ("DeltaL", t + (10 * Minute), 5e18), ("MaxL", t + (10 * Minute), -4e18), ("N", t + (10 * Minute), 2d), ("SpreadL", t + (10 * Minute), 5e18)],
            run.Outputs.OrderBy(o => o.Time).ThenBy(o => o.Point, StringComparer.Ordinal));
        // The first window's spread and delta (1.8e19 each), the second's sum (−1.3e19).
        Assert.Equal(3, run.Counters[Counter.InvalidResults]);
    }

    [Fact]
    public void A_variance_whose_spread_of_values_is_beyond_the_range_of_a_double_is_invalid_not_zero()
    {
        // The three values differ by about 2e308: their variance (about 1.3e616) has no double.
        using var run = new ModelRun("""
            job overflow
            settings { channel offline  timezone "UTC" }
            model M { ai P  ai Var  ai Std }
            aggregate M window tumbling 10m { Var = variance(P)  Std = stddev(P) }
            """);
        long t = At("2026-05-04T10:00:00Z");
        run.Add("P", t + Minute, 1e308).Add("P", t + (2 * Minute), 1e308).Add("P", t + (3 * Minute), -1e308);
        run.Complete();

        Assert.Empty(run.Outputs);
        Assert.Equal(2, run.Counters[Counter.InvalidResults]);
    }
}
