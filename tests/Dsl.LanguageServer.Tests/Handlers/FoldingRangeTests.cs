using Dsl.LanguageServer.Handlers.FoldingRanges;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class FoldingRangeTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private FoldingRange[] Fold(string text)
    {
        var (uri, _) = _workspace.Open("main.stream", text);
        return new FoldingRangesHandler(_workspace.Workspace).Handle(new FoldingRangeParams(new TextDocumentIdentifier(uri)), CancellationToken.None);
    }

    [Fact]
    public void Blocks_fold_up_to_the_line_before_their_closing_brace()
    {
        // Samples.Job: settings on lines 2-5, the model 7-15, the rules 17-19, 21-23 and 25-28.
        Assert.Equal(
            [new(2, 4, null), new(7, 14, null), new(17, 18, null), new(21, 22, null), new(25, 27, null)],
            Fold(Samples.Job));
    }

    [Fact]
    public void Crlf_and_lone_cr_line_endings_give_the_same_lines()
    {
        var lf = Fold(Samples.Job);
        Assert.Equal(lf, Fold(Samples.Job.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Equal(lf, Fold(Samples.Job.Replace("\n", "\r", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unterminated_block_folds_to_its_last_line_of_text()
    {
        Assert.Equal([new(0, 2, null)], Fold("model M {\n  ai P kW\n  ai Q kW\n\n\n"));
        Assert.Equal([new(0, 2, null)], Fold("model M {\r\n  ai P kW\r\n  ai Q kW\r\n"));
    }

    /// <summary>Editors drop one of two ranges that overlap without nesting, so the earlier ends a line before the later starts.</summary>
    [Fact]
    public void Ranges_that_share_a_line_do_not_overlap()
    {
        // A block comment ending on the model's first line: its fold would end where the model's starts.
        const string comment = "/* one\n   two\n   three */ model M {\n  ai P\n  ai Q\n}\n";
        Assert.Equal([new(0, 1, FoldingRangeKind.Comment), new(2, 4, null)], Fold(comment));
        // A two-line comment has nothing left to fold.
        Assert.Equal([new(1, 3, null)], Fold("/* one\n */ model M {\n  ai P\n  ai Q\n}\n"));
        // A rule ending on the line the next one starts on.
        const string rules = "model M {\n  ai P\n  ai Q\n}\nmerge M on P {\n  Q = P\n  } merge M on Q {\n  P = Q\n}\n";
        Assert.Equal([new(0, 2, null), new(4, 5, null), new(6, 7, null)], Fold(rules));
    }

    [Fact]
    public void An_output_over_several_lines_folds_inside_its_rule()
    {
        const string text = """
            model M {
              ai P
              ai Q
            }
            merge M on P {
              Q = if P > 0
                then P
                else 0
            }
            """;
        Assert.Equal([new(0, 2, null), new(4, 7, null), new(5, 7, null)], Fold(text));
    }

    [Fact]
    public void A_closing_brace_after_text_on_its_line_is_folded_with_the_block()
    {
        Assert.Equal([new(0, 2, null)], Fold("model M {\n  ai P\n  ai Q }\n"));
    }

    [Fact]
    public void Comment_lines_in_a_row_fold_and_a_block_comment_over_lines_too()
    {
        const string text = """
            // Plant jobs.
            // Owned by the energy team.

            // One line alone.
            model M { // not a run with the next
              // first
              // second
              ai P
            }
            /* a
               b */
            """;
        Assert.Equal(
            [new(0, 1, FoldingRangeKind.Comment), new(4, 7, null), new(5, 6, FoldingRangeKind.Comment), new(9, 10, FoldingRangeKind.Comment)],
            Fold(text));
    }

    [Fact]
    public void Region_markers_fold_as_the_language_configuration_declares_them()
    {
        const string text = """
            // #endregion before any region
            // #region All
            // region Models
            model M {
              ai P
            }
            //#endregion
            // plain
            // comments
            // #endregion
            // #region never closed
            """;
        Assert.Equal(
            [new(1, 9, FoldingRangeKind.Region), new(2, 6, FoldingRangeKind.Region), new(3, 4, null), new(7, 8, FoldingRangeKind.Comment)],
            Fold(text));
    }

    [Fact]
    public void An_unterminated_block_comment_folds_to_the_end_of_the_file()
    {
        Assert.Equal([new(1, 3, FoldingRangeKind.Comment)], Fold("job j\n/* never\nclosed\nat all\n"));
    }

    [Fact]
    public void Imports_in_a_row_fold_together()
    {
        const string text = """
            job j
            import "a.stream"
            // the meters
            import "b.stream"
            import "c.stream"

            model M { ai P }
            """;
        Assert.Equal([new(1, 4, FoldingRangeKind.Imports)], Fold(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n")]
    [InlineData("job j")]
    [InlineData("model M { ai P }\nmerge M on P { Q = P }")]
    public void Nothing_over_several_lines_is_an_empty_answer(string text)
    {
        Assert.Empty(Fold(text));
    }

    [Fact]
    public void A_broken_file_folds_what_it_parses_and_no_range_is_inverted_or_repeated()
    {
        var ranges = Fold("model {\n ai \n}\naggregate window tumbling {\n = avg(\n\n}\nmerge M on { = ) ( ]\n\n");
        Assert.NotEmpty(ranges);
        Assert.All(ranges, r => Assert.True(r.StartLine < r.EndLine, $"{r}"));
        Assert.Equal(ranges.Length, ranges.Select(r => r.StartLine).Distinct().Count());
    }
}
