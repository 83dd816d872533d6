using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Tests.Parsing;

public sealed class TokenTests
{
    private static (SyntaxTokenKind Kind, string Text)[] Tokens(string text) =>
        [.. SyntaxTree.Parse(text).Tokens.Select(t => (t.Kind, t.Text))];

    [Fact]
    public void Every_character_is_in_a_token_including_whitespace_and_comments()
    {
        const string text = "job a // note\r\n/* block\n comment */\tmodel M {}";
        Assert.Equal(
        [
            (SyntaxTokenKind.Keyword, "job"), (SyntaxTokenKind.Whitespace, " "), (SyntaxTokenKind.Identifier, "a"),
            (SyntaxTokenKind.Whitespace, " "), (SyntaxTokenKind.LineComment, "// note"), (SyntaxTokenKind.Whitespace, "\r\n"),
            (SyntaxTokenKind.BlockComment, "/* block\n comment */"), (SyntaxTokenKind.Whitespace, "\t"),
            (SyntaxTokenKind.Keyword, "model"), (SyntaxTokenKind.Whitespace, " "), (SyntaxTokenKind.Identifier, "M"),
            (SyntaxTokenKind.Whitespace, " "), (SyntaxTokenKind.Punctuation, "{"), (SyntaxTokenKind.Punctuation, "}"),
        ], Tokens(text));
    }

    [Fact]
    public void Literals_have_their_own_kinds()
    {
        var tokens = Tokens("""settings { a 500ms b 1mo c "s\"x" d -1.5e3 e `q name` } schedule daily at 02:00""")
            .Where(t => t.Kind != SyntaxTokenKind.Whitespace).ToArray();
        Assert.Contains((SyntaxTokenKind.Duration, "500ms"), tokens);
        Assert.Contains((SyntaxTokenKind.Duration, "1mo"), tokens);
        Assert.Contains((SyntaxTokenKind.String, "\"s\\\"x\""), tokens);
        Assert.Contains((SyntaxTokenKind.Operator, "-"), tokens);
        Assert.Contains((SyntaxTokenKind.Number, "1.5e3"), tokens);
        Assert.Contains((SyntaxTokenKind.QuotedIdentifier, "`q name`"), tokens);
        Assert.Contains((SyntaxTokenKind.TimeOfDay, "02:00"), tokens);
    }

    [Fact]
    public void A_soft_keyword_is_a_keyword_in_its_place_and_a_name_elsewhere()
    {
        var tokens = SyntaxTree.Parse("aggregate M window session 30m max 8h { Peak = max(P) }").Tokens
            .Where(t => t.Text == "max").Select(t => t.Kind);
        Assert.Equal([SyntaxTokenKind.Keyword, SyntaxTokenKind.Identifier], tokens);
    }

    [Theory]
    [InlineData("job", SyntaxTokenKind.Keyword)]
    [InlineData("where", SyntaxTokenKind.Keyword)]
    [InlineData("inf", SyntaxTokenKind.Keyword)]
    [InlineData("==", SyntaxTokenKind.Operator)]
    [InlineData("&&", SyntaxTokenKind.Operator)]
    [InlineData("::", SyntaxTokenKind.Punctuation)]
    [InlineData("$", SyntaxTokenKind.Error)]
    [InlineData("\u0001\u0002", SyntaxTokenKind.Error)]
    public void Token_kind_of(string text, SyntaxTokenKind kind) =>
        Assert.Equal(kind, SyntaxTree.Parse(text).Tokens[0].Kind);

    [Fact]
    public void Reserved_keywords_cannot_be_names_but_backticks_make_them_names()
    {
        SyntaxAssert.Reports("model M { ai [|where|] kW }", "error DSL1001: Unexpected 'where'; expected a point name.");
        var point = SyntaxAssert.Single<PointDeclarationSyntax>(SyntaxAssert.Clean("model M { ai `where` kW }"));
        Assert.Equal("where", point.Name.Text);
    }

    [Fact]
    public void Durations_numbers_and_times_are_split_where_a_person_would()
    {
        Assert.Equal(["5m", "1mo", "500ms", "1e3", "02:00", "12"],
            Tokens("5m 1mo 500ms 1e3 02:00 12").Where(t => t.Kind != SyntaxTokenKind.Whitespace).Select(t => t.Text));
    }

    [Fact]
    public void A_file_of_binary_garbage_is_a_few_error_tokens()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var text = new string(bytes.Select(b => (char)b).ToArray());
        var tree = SyntaxTree.Parse(text);
        SyntaxAssert.Invariants(tree);
        Assert.NotEmpty(tree.Diagnostics);
        Assert.True(tree.Diagnostics.Count <= 101, $"{tree.Diagnostics.Count} diagnostics");
    }
}
