using System.Globalization;
using System.Text;
using System.Text.Json;
using Dsl.Compiler.Tests.Emit;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Baselines;

/// <summary>
/// Runnable baselines: a folder with <c>main.stream</c>, <c>input.jsonl</c> (and optionally
/// <c>assets.json</c>) is compiled, loaded and run, and its outputs are compared with
/// <c>expected.jsonl</c>, whose values were computed by hand (each folder's <c>expected.md</c> shows
/// the working). Outputs are compared per (assetId, pointId): the same sequence of (time, calMode)
/// in emission order, values equal within 1e-9 relative. The order between different points is not
/// part of the contract. <c>expected.counters</c>, if present, lists <c>name=value</c> counters the
/// run must report. These files are never regenerated: they are the independent expectation.
/// </summary>
public sealed class RunnableBaselineTests
{
    private static IEnumerable<string> Runnable() =>
        Directory.GetDirectories(RepoPaths.Baselines)
            .Where(d => File.Exists(Path.Combine(d, "input.jsonl")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Runnable())
            data.Add(name);
        return data;
    }

    [Fact]
    public void Every_runnable_baseline_has_its_expectations_and_their_explanation()
    {
        var names = Runnable().ToArray();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            var directory = Path.Combine(RepoPaths.Baselines, name);
            Assert.True(name.StartsWith("Run", StringComparison.Ordinal), $"{name}: runnable baselines are named Run…");
            Assert.True(File.Exists(Path.Combine(directory, "expected.jsonl")), $"{name}: expected.jsonl is missing");
            Assert.True(File.Exists(Path.Combine(directory, "expected.md")), $"{name}: expected.md (how the expectation was computed) is missing");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Runnable_baseline_produces_its_hand_computed_outputs(string name)
    {
        var directory = Path.Combine(RepoPaths.Baselines, name);
        var emitted = JobRun.EmitFile(Path.Combine(directory, "main.stream"));
        var assetsPath = Path.Combine(directory, "assets.json");
        using var input = File.OpenRead(Path.Combine(directory, "input.jsonl"));
        var run = JobRun.Run(emitted, input, File.Exists(assetsPath) ? JobRun.Assets(File.ReadAllText(assetsPath)) : null);

        var expected = File.ReadLines(Path.Combine(directory, "expected.jsonl")).Where(l => l.Trim().Length > 0).Select(Expected.Parse).ToArray();
        var problems = Compare(expected, run.Outputs);
        Assert.True(problems.Count == 0, $"{name}: outputs differ from expected.jsonl:\n" + string.Join("\n", problems)
            + "\nActual outputs:\n" + string.Join("\n", run.Outputs) + "\n" + run.Counters.Summary());

        var countersPath = Path.Combine(directory, "expected.counters");
        if (File.Exists(countersPath))
        {
            var actual = run.Counters.ToDictionary();
            foreach (var line in File.ReadLines(countersPath).Where(l => l.Contains('=', StringComparison.Ordinal)))
            {
                var (counter, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)].Trim(), long.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture));
                Assert.True(actual.TryGetValue(counter, out var got), $"{name}: no counter named {counter}");
                Assert.True(value == got, $"{name}: counter {counter} expected {value}, got {got} ({run.Counters.Summary()})");
            }
        }
    }

    private static List<string> Compare(IReadOnlyList<Expected> expected, IReadOnlyList<OutputLine> actual)
    {
        var problems = new List<string>();
        var keys = expected.Select(e => (e.AssetId, e.PointId)).Concat(actual.Select(a => (a.AssetId, a.PointId))).Distinct().Order();
        foreach (var (asset, point) in keys)
        {
            var want = expected.Where(e => e.AssetId == asset && e.PointId == point).ToArray();
            var got = actual.Where(a => a.AssetId == asset && a.PointId == point).ToArray();
            for (var i = 0; i < Math.Max(want.Length, got.Length); i++)
            {
                if (i >= got.Length)
                    problems.Add($"missing   {want[i]}");
                else if (i >= want.Length)
                    problems.Add($"unexpected {got[i]}");
                else if (want[i].Time != got[i].Time || want[i].CalMode != got[i].CalMode || !Close(want[i].Value, got[i].Number))
                    problems.Add($"expected  {want[i]}\n   actual  {got[i]}");
            }
        }
        return problems;
    }

    private static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    /// <summary>One line of expected.jsonl: assetId, pointId, time (ISO-8601 or epoch ms), calMode, value.</summary>
    private sealed record Expected(string AssetId, string PointId, long Time, string CalMode, double Value)
    {
        public static Expected Parse(string line)
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var time = root.GetProperty("time");
            return new Expected(
                root.GetProperty("assetId").GetString() ?? "",
                root.GetProperty("pointId").GetString() ?? "",
                time.ValueKind == JsonValueKind.String
                    ? DateTimeOffset.Parse(time.GetString() ?? "", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()
                    : time.GetInt64(),
                root.GetProperty("calMode").GetString() ?? "",
                root.GetProperty("value").GetDouble());
        }

        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{AssetId}/{PointId}@{DateTimeOffset.FromUnixTimeMilliseconds(Time):yyyy-MM-ddTHH:mm:ssZ} ");
            text.Append(Value.ToString("R", CultureInfo.InvariantCulture)).Append(' ').Append(CalMode);
            return text.ToString();
        }
    }
}
