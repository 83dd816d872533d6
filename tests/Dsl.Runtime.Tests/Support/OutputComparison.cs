using System.Globalization;
using System.Text;
using Xunit.Sdk;

namespace Dsl.Runtime.Tests.Support;

/// <summary>Compares a run's outputs (last value per key) with an oracle's expectation.</summary>
public static class OutputComparison
{
    public static Dictionary<OutputKey, double> LastValues(IEnumerable<Emitted> outputs)
    {
        var result = new Dictionary<OutputKey, double>();
        foreach (Emitted e in outputs)
        {
            result[new OutputKey(e.Asset, e.Point, e.Time)] = e.Value;
        }

        return result;
    }

    /// <summary>Equal keys, and values equal within 1e-9 relative (sums may add in another order).</summary>
    public static void AssertEquivalent(IReadOnlyDictionary<OutputKey, double> expected, IReadOnlyDictionary<OutputKey, double> actual, string context)
    {
        var problems = new List<string>();
        foreach (var (key, value) in expected)
        {
            if (!actual.TryGetValue(key, out double got))
            {
                problems.Add($"missing {Describe(key)} expected {Format(value)}");
            }
            else if (!Close(value, got))
            {
                problems.Add($"value {Describe(key)} expected {Format(value)} got {Format(got)}");
            }
        }

        foreach (var (key, value) in actual)
        {
            if (!expected.ContainsKey(key))
            {
                problems.Add($"unexpected {Describe(key)} = {Format(value)}");
            }
        }

        if (problems.Count > 0)
        {
            var message = new StringBuilder();
            message.AppendLine($"{context}: {problems.Count} difference(s) among {expected.Count} expected outputs; first ones:");
            foreach (string problem in problems.OrderBy(p => p, StringComparer.Ordinal).Take(15))
            {
                message.AppendLine("  " + problem);
            }

            throw new XunitException(message.ToString());
        }
    }

    public static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    private static string Describe(OutputKey key) =>
        $"{key.Asset}/{key.Point}@{DateTimeOffset.FromUnixTimeMilliseconds(key.Time):yyyy-MM-ddTHH:mm:ss.fffZ}";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
