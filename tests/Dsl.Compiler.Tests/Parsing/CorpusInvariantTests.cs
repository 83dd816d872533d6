using Dsl.Compiler.Syntax;
using Dsl.TestUtilities;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>The tree invariants over every sample of the language, inline and on disk.</summary>
public sealed class CorpusInvariantTests
{
    public static TheoryData<string> InlineSamples() => [.. SyntaxSamples.Inline().Select(sample => sample.Name)];

    public static TheoryData<string> SampleFiles() => [.. SyntaxSamples.Files()];

    [Theory]
    [MemberData(nameof(InlineSamples))]
    public void Inline_sample_parses_without_errors_and_keeps_the_invariants(string name)
    {
        var tree = SyntaxAssert.Clean(SyntaxSamples.Inline().Single(sample => sample.Name == name).Text);
        Assert.NotEmpty(tree.Root.Declarations);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Stream_file_round_trips_through_its_tokens_and_its_spans_nest(string path)
    {
        var tree = SyntaxTree.Parse(File.ReadAllText(RepoPaths.Combine(path)), path);
        SyntaxAssert.Invariants(tree);
    }

    [Fact]
    public void Every_example_parses_without_syntax_errors()
    {
        var broken = SyntaxSamples.Files()
            .Where(path => path.StartsWith("examples/", StringComparison.Ordinal))
            .SelectMany(path => SyntaxTree.Parse(File.ReadAllText(RepoPaths.Combine(path)), path).Diagnostics)
            .Select(d => d.ToString());
        Assert.Empty(broken);
    }

    [Fact]
    public void Concatenated_token_texts_give_back_the_source()
    {
        foreach (var (name, text) in SyntaxSamples.All())
        {
            var tree = SyntaxTree.Parse(text, name);
            Assert.Equal(text, string.Concat(tree.Tokens.Select(token => token.Text)));
        }
    }
}
