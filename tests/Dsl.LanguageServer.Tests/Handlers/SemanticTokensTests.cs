using Dsl.LanguageServer.Handlers.SemanticTokens;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class SemanticTokensTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    /// <summary>Decodes LSP's relative encoding back to (text, type name, modifiers) triples.</summary>
    private List<(string Text, string Type, int Modifiers)> Tokens(string text)
    {
        var (uri, _) = _workspace.Open("main.stream", text);
        var data = new SemanticTokensHandler(_workspace.Workspace).Handle(new SemanticTokensParams(new TextDocumentIdentifier(uri)), CancellationToken.None).Data;
        var lines = text.Split('\n');
        var result = new List<(string, string, int)>();
        int line = 0, character = 0;
        for (var i = 0; i < data.Length; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            result.Add((lines[line].Substring(character, data[i + 2]), SemanticTokenLegend.Legend.TokenTypes[data[i + 3]], data[i + 4]));
        }
        return result;
    }

    [Fact]
    public void Models_points_attributes_functions_and_literals_are_classified()
    {
        var tokens = Tokens(Samples.Job);
        Assert.Contains(("WindTurbine", "class", SemanticTokenLegend.DeclarationModifier), tokens);
        Assert.Contains(tokens, t => t is ("WindTurbine", "class", 0));
        Assert.Contains(("ActivePower", "property", SemanticTokenLegend.DeclarationModifier), tokens);
        Assert.Contains(tokens, t => t is ("RatedPower", "variable", _));
        Assert.Contains(tokens, t => t is ("sqrt", "function", _));
        Assert.Contains(tokens, t => t is ("avg", "function", _));
        Assert.Contains(tokens, t => t is ("10m", "number", _));
        Assert.Contains(tokens, t => t is ("\"Europe/Berlin\"", "string", _));
        Assert.Contains(tokens, t => t is ("double", "type", _));
        Assert.Contains(tokens, t => t is ("aggregate", "keyword", _));
    }

    [Fact]
    public void An_attribute_qualified_by_its_model_is_a_read_only_variable_like_a_bare_one()
    {
        var tokens = Tokens("""
            job j
            model M {
              ai P: double
              ai Q: double
              attribute K: double = 2
            }
            model `My M` {
              ai P: double
              ai R: double
              attribute K: double = 3
            }
            merge M on P {
              Q = M::K + K + M::P
            }
            merge `My M` on P {
              R = `My M`::K + K + `My M`::P
            }
            """);
        var inExpressions = tokens.Where(t => t.Text is "K" && t.Modifiers == SemanticTokenLegend.ReadonlyModifier).ToArray();
        // Both the qualified and the bare K of each merge: none of them coloured as a point.
        Assert.Equal(4, inExpressions.Length);
        Assert.All(inExpressions, t => Assert.Equal("variable", t.Type));
        Assert.DoesNotContain(tokens, t => t is ("K", "property", _));
        // A point qualified by its model stays a point.
        Assert.Equal(4, tokens.Count(t => t is ("P", "property", 0)));
    }

    [Fact]
    public void A_value_written_without_an_aggregate_function_is_coloured_as_what_it_is()
    {
        var tokens = Tokens("""
            job j
            model M {
              ai P: double
              ai O1: double
              ai O2: double
              ai O3: double
              attribute K: double = 2
            }
            aggregate M window tumbling 10m {
              O1 = P
              O2 = K
              O3 = count
            }
            """);
        // O1 = P is an error that calls P a point; the editor colours it as one, not as a function.
        Assert.Equal(2, tokens.Count(t => t is ("P", "property", _)));
        Assert.Contains(tokens, t => t is ("K", "variable", SemanticTokenLegend.ReadonlyModifier));
        Assert.Contains(tokens, t => t is ("count", "function", _));
        Assert.DoesNotContain(tokens, t => t is ("P" or "K", "function", _));
    }

    [Fact]
    public void A_block_comment_over_several_lines_is_one_token_per_line()
    {
        var tokens = Tokens("/* first\nsecond */\nmodel M {\n  ai P\n}\n");
        Assert.Contains(("/* first", "comment", 0), tokens);
        Assert.Contains(("second */", "comment", 0), tokens);
    }

    [Fact]
    public void Tokens_come_in_document_order_for_a_broken_file()
    {
        var (uri, _) = _workspace.Open("main.stream", "model {{ ai \n aggregate 12 window \"unterminated");
        var data = new SemanticTokensHandler(_workspace.Workspace).Handle(new SemanticTokensParams(new TextDocumentIdentifier(uri)), CancellationToken.None).Data;
        Assert.Equal(0, data.Length % 5);
        Assert.NotEmpty(data);
        // Each token starts on a later line than the one before, or on the same line at or after its end.
        for (var i = 0; i < data.Length; i += 5)
        {
            Assert.True(data[i] >= 0, $"token {i / 5} moves {data[i]} lines");
            Assert.True(data[i + 1] >= (i > 0 && data[i] == 0 ? data[i - 3] : 0), $"token {i / 5} starts {data[i + 1]} characters on");
            Assert.True(data[i + 2] > 0, $"token {i / 5} is empty");
        }
    }
}
