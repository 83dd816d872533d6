using System.Text.RegularExpressions;
using Dsl.Compiler.Tests.Binding;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;
using Xunit.Sdk;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Seeded mutations of the runnable baselines that mostly keep them valid (a number, a duration,
/// an aggregate function, an arithmetic operator or a comparison replaced by another of its kind),
/// compiled and run on their input with some lines swapped and some corrupted. Whatever the
/// mutation: the compiler reports no internal error and the C# it generates compiles, and the run
/// neither throws nor loses a line (<c>records_read</c> counts every non-blank line). A failure
/// prints the baseline, the source and the input, to be turned into a test of its own.
/// </summary>
public sealed class MutatedJobRunTests
{
    private const int Runs = 120;

    private static readonly (Regex Pattern, string[] Choices)[] Replacements =
    [
        (new Regex(@"(?<![\w.])\d+(\.\d+)?(?![\w.])"), ["0", "1", "-1", "0.5", "1e308", "-1e308", "2147483648", "9223372036854775807", "100"]),
        (new Regex(@"\b\d+(s|m|h|d|w|mo)\b"), ["1s", "1m", "10m", "15m", "1h", "1d", "1w", "1mo"]),
        (new Regex(@"\b(avg|sum|min|max|count|first|last|spread|stddev|median)(?=\()"), ["avg", "sum", "min", "max", "count", "first", "last", "spread", "stddev", "median"]),
        (new Regex(@"(?<=\s)[+\-*/%^](?=\s)"), ["+", "-", "*", "/", "%", "^"]),
        (new Regex(@"(?<=\s)(<=|>=|==|!=|<|>)(?=\s)"), ["<", "<=", ">", ">=", "==", "!="]),
    ];

    // What a corrupted line gains: JSON's punctuation and digits, letters of its literals, a NUL.
    private const string Junk = "{}[]\":,0123456789-+.eE \\tnulrsaf\u00e9\u0000";

    [Fact]
    public void Mutated_jobs_compile_and_run_on_disordered_and_corrupted_input_without_failing()
    {
        var baselines = Directory.GetDirectories(RepoPaths.Baselines)
            .Where(d => File.Exists(Path.Combine(d, "input.jsonl")))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var random = new Random(20261124);
        var ran = 0;
        for (var run = 0; run < Runs; run++)
        {
            var directory = baselines[random.Next(baselines.Length)];
            var source = File.ReadAllText(Path.Combine(directory, "main.stream"));
            for (var edits = random.Next(1, 4); edits > 0; edits--)
                source = Mutate(source, random);
            var lines = Disorder(File.ReadAllLines(Path.Combine(directory, "input.jsonl")).Where(l => l.Trim().Length > 0).ToList(), random);
            var assets = Path.Combine(directory, "assets.json");
            try
            {
                var emitted = TestCompiler.Compile(source).Emit();
                Assert.DoesNotContain(emitted.Diagnostics, d => d.Code is "DSL4001" or "DSL4002");
                if (emitted.Assembly is null)
                    continue;

                var result = JobRun.Run(emitted, lines, File.Exists(assets) ? File.ReadAllText(assets) : null);
                Assert.Equal(lines.Count(l => l.Trim().Length > 0), result.Counters[Counter.RecordsRead]);
                ran++;
            }
            catch (Exception e)
            {
                throw new XunitException($"Run {run} of {Path.GetFileName(directory)}: {e}\n--- source ---\n{source}\n--- input ---\n{string.Join("\n", lines)}");
            }
        }

        // Most mutations keep the job valid, so most runs reach the runtime.
        Assert.True(ran > Runs / 2, $"Only {ran} of {Runs} mutations compiled.");
    }

    private static string Mutate(string text, Random random)
    {
        var (pattern, choices) = Replacements[random.Next(Replacements.Length)];
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
            return text;
        var match = matches[random.Next(matches.Count)];
        return text[..match.Index] + choices[random.Next(choices.Length)] + text[(match.Index + match.Length)..];
    }

    /// <summary>Swaps up to five pairs of lines and corrupts up to seven: a character in, a few out, a digit changed.</summary>
    private static List<string> Disorder(List<string> lines, Random random)
    {
        for (var swaps = random.Next(6); swaps > 0 && lines.Count > 1; swaps--)
        {
            int a = random.Next(lines.Count), b = random.Next(lines.Count);
            (lines[a], lines[b]) = (lines[b], lines[a]);
        }

        for (var corruptions = random.Next(8); corruptions > 0; corruptions--)
        {
            var index = random.Next(lines.Count);
            var line = lines[index];
            var position = random.Next(line.Length + 1);
            lines[index] = random.Next(3) switch
            {
                0 => line.Insert(position, Junk[random.Next(Junk.Length)].ToString()),
                1 when position < line.Length => line.Remove(position, Math.Min(line.Length - position, random.Next(1, 6))),
                _ => line.Replace('1', '9'),
            };
        }

        return lines;
    }
}
