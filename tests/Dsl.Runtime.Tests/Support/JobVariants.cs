using System.Text;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.TestUtilities;

namespace Dsl.Runtime.Tests.Support;

/// <summary>
/// The jobs the project ships (examples and valid baselines) and seeded variants of them: one to
/// three numbers, durations, operators or names swapped for others of the same kind found in any
/// of the jobs, kept when the variant still compiles. The variants reach combinations of windows,
/// options and expressions that no hand-written test names.
/// </summary>
public static class JobVariants
{
    private static readonly Lazy<string[]> _files = new(FindFiles);
    private static readonly Lazy<Dictionary<SyntaxTokenKind, string[]>> _tokens = new(CollectTokens);

    private static readonly SyntaxTokenKind[] _swapped =
    [
        SyntaxTokenKind.Number, SyntaxTokenKind.Duration, SyntaxTokenKind.Operator, SyntaxTokenKind.Identifier, SyntaxTokenKind.Keyword,
    ];

    /// <summary>Every job file with a rule: the examples' jobs and the valid baselines.</summary>
    public static IReadOnlyList<string> Files => _files.Value;

    /// <summary>Names of <see cref="Files"/> relative to the repository, for test cases.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string file in Files)
        {
            data.Add(Path.GetRelativePath(RepoPaths.Root, file));
        }

        return data;
    }

    /// <summary>A seed per job that does not change between runs (string.GetHashCode does).</summary>
    public static int StableSeed(string job) => job.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    /// <summary>The job itself, then up to <paramref name="count"/> variants of it that emit.</summary>
    public static IEnumerable<(string Description, EmitResult Emitted)> Of(string file, int count, int seed)
    {
        string text = File.ReadAllText(file);
        yield return ("as written", Emit(file, text) ?? throw new Xunit.Sdk.XunitException($"{file} does not emit."));

        SyntaxToken[] candidates = [.. SyntaxTree.Parse(text, file).Tokens.Where(t => _swapped.Contains(t.Kind))];
        var random = new Random(seed);
        int found = 0;
        for (int attempt = 0; attempt < 60 * count && found < count; attempt++)
        {
            var edits = new List<string>();
            var builder = new StringBuilder(text);
            int swaps = 1 + random.Next(3);
            IEnumerable<SyntaxToken> chosen = Enumerable.Range(0, swaps)
                .Select(_ => candidates[random.Next(candidates.Length)])
                .DistinctBy(t => t.Span.Start)
                .OrderByDescending(t => t.Span.Start);
            foreach (SyntaxToken token in chosen)
            {
                string[] others = _tokens.Value[token.Kind];
                string other = others[random.Next(others.Length)];
                builder.Remove(token.Span.Start, token.Span.Length).Insert(token.Span.Start, other);
                edits.Add($"'{token.Text}' at offset {token.Span.Start} → '{other}'");
            }

            string variant = builder.ToString();
            if (variant != text && Emit(file, variant) is { } emitted)
            {
                found++;
                yield return (string.Join(", ", edits), emitted);
            }
        }
    }

    private static EmitResult? Emit(string file, string text)
    {
        var compilation = Compilation.Create(SourceText.From(text, file), new VariantResolver(file, text));
        if (compilation.HasErrors)
        {
            return null;
        }

        EmitResult result = compilation.Emit();
        // A variant without errors that does not emit is a compiler defect, not a rejected variant.
        Assert.True(result.Success, $"No errors, yet no assembly:\n{string.Join("\n", result.Diagnostics)}\n{text}");
        return result;
    }

    private static string[] FindFiles()
    {
        IEnumerable<string> examples = Directory.GetDirectories(RepoPaths.Examples).SelectMany(d => Directory.GetFiles(d, "*.stream"));
        IEnumerable<string> baselines = Directory.GetDirectories(RepoPaths.Baselines)
            .Where(d => Path.GetFileName(d).StartsWith("Valid", StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("Run", StringComparison.Ordinal))
            .Select(d => Path.Combine(d, "main.stream"));
        return [.. examples.Concat(baselines)
            .Where(f => File.Exists(f) && IsJobWithRules(SyntaxTree.Parse(File.ReadAllText(f), f)))
            .Order(StringComparer.Ordinal)];
    }

    private static bool IsJobWithRules(SyntaxTree tree)
    {
        string[] keywords = [.. tree.Tokens.Where(t => t.Kind == SyntaxTokenKind.Keyword).Select(t => t.Text)];
        return keywords.Contains("job") && keywords.Any(k => k is "aggregate" or "merge" or "energy");
    }

    private static Dictionary<SyntaxTokenKind, string[]> CollectTokens() =>
        Files.SelectMany(f => SyntaxTree.Parse(File.ReadAllText(f), f).Tokens)
            .Where(t => _swapped.Contains(t.Kind))
            .GroupBy(t => t.Kind)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    /// <summary>The variant's text for its own path; its imports from disk.</summary>
    private sealed class VariantResolver(string path, string text) : ISourceResolver
    {
        public SourceText? Resolve(string fullPath) =>
            fullPath == path ? SourceText.From(text, path) : File.Exists(fullPath) ? SourceText.Load(fullPath) : null;

        public bool IsDirectory(string fullPath) => Directory.Exists(fullPath);
    }
}
