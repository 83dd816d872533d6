using Dsl.Compiler.Text;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Binding;

public sealed class RobustnessTests
{
    private static readonly string[] _fragments =
    [
        "{", "}", "(", ")", "[", "]", ",", "=", "::", "0", "0s", "2d", "1mo", "inf", "-", "!", "?", ":", "on", "every",
        "where", "fill", "x", "\"", "`", "merge", "aggregate", "energy", "model", "job", "import \"nowhere.stream\"",
        "prev(", "hour()", "/", "^", "in [1, 0]", "percentile(", "schedule", "settings {",
    ];

    [Fact]
    public void Binding_never_fails_on_broken_sources_and_the_semantic_model_answers_anywhere()
    {
        var sources = Directory.GetDirectories(RepoPaths.Baselines)
            .Select(d => Path.Combine(d, "main.stream"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        var random = new Random(20260101);
        var failures = new List<string>();

        for (var run = 0; run < 1000 && failures.Count < 3; run++)
        {
            var text = Mutate(sources[random.Next(sources.Length)], random);
            var source = SourceText.From(text, Path.Combine(TestCompiler.Directory, "fuzz.stream"));
            var compilation = Compilation.Create(source, new InMemorySourceResolver(new Dictionary<string, string>()));

            if (compilation.GetDiagnostics().FirstOrDefault(d => d.Code == "DSL4001") is { } internalError)
                failures.Add($"{internalError}\n--- source ---\n{text}");

            var semantic = compilation.GetSemanticModel();
            var position = random.Next(text.Length + 1);
            if (semantic.GetSymbolAt(source, position) is { } symbol)
                Assert.NotEmpty(semantic.FindReferences(symbol));
            _ = semantic.GetVisibleSymbols(source, position).Count();
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static string Mutate(string text, Random random)
    {
        for (var edits = random.Next(1, 6); edits > 0; edits--)
        {
            var position = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0:
                    text = text.Insert(position, $" {_fragments[random.Next(_fragments.Length)]} ");
                    break;
                case 1:
                    if (position < text.Length)
                        text = text.Remove(position, Math.Min(random.Next(1, 20), text.Length - position));
                    break;
                default:
                    var from = random.Next(text.Length + 1);
                    var start = Math.Min(position, from);
                    var copy = text.Substring(start, Math.Min(Math.Abs(position - from), 40));
                    text = text.Insert(random.Next(text.Length + 1), copy);
                    break;
            }
        }
        return text;
    }
}
