using Dsl.LanguageServer.Handlers.DocumentHighlights;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Handlers;

public sealed class DocumentHighlightTests : IDisposable
{
    private const string Job = """
        job plant

        model M {
          ai P kW
          ai Q kW
          ai R kW
          pi E kWh
          pi Daily kWh
          pi Hourly kWh
          attribute K: double = 2
        }

        merge M on P hold 10m {
          Q = P * K
        }

        aggregate M window tumbling 10m {
          R = avg(Q) where Q > 0
        }

        energy M from E by meter {
          daily Daily
          every 1h Hourly
        }

        """;

    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private (string Uri, (string Text, int Line, int Kind)[] Highlights) Highlight(string marked, string path = "main.stream")
    {
        var (uri, cursor) = _workspace.Open(path, marked);
        var highlights = new DocumentHighlightsHandler(_workspace.Workspace)
            .Handle(new TextDocumentPositionParams(new TextDocumentIdentifier(uri), cursor), CancellationToken.None);
        return (uri, highlights.Select(h => (_workspace.TextAt(uri, h.Range), h.Range.Start.Line, h.Kind)).ToArray());
    }

    [Fact]
    public void A_point_is_written_by_the_output_that_targets_it_and_read_where_declared_and_used()
    {
        var (_, highlights) = Highlight(Samples.WithCursor(Job, "Q > 0"));
        Assert.Equal(
            [("Q", 4, DocumentHighlightKind.Read), ("Q", 13, DocumentHighlightKind.Write), ("Q", 17, DocumentHighlightKind.Read), ("Q", 17, DocumentHighlightKind.Read)],
            highlights);
    }

    [Fact]
    public void A_trigger_point_is_read_by_the_merge()
    {
        var (_, highlights) = Highlight(Samples.WithCursor(Job, "P * K"));
        Assert.Equal([("P", 3, DocumentHighlightKind.Read), ("P", 12, DocumentHighlightKind.Read), ("P", 13, DocumentHighlightKind.Read)], highlights);
    }

    [Fact]
    public void Energy_outputs_write_their_points_and_the_source_is_read()
    {
        Assert.Equal([("Daily", 7, DocumentHighlightKind.Read), ("Daily", 21, DocumentHighlightKind.Write)], Highlight(Samples.WithCursor(Job, "Daily\n")).Highlights);
        Assert.Equal([("Hourly", 8, DocumentHighlightKind.Read), ("Hourly", 22, DocumentHighlightKind.Write)], Highlight(Samples.WithCursor(Job, "Hourly", occurrence: 1)).Highlights);
        Assert.Equal([("E", 6, DocumentHighlightKind.Read), ("E", 20, DocumentHighlightKind.Read)], Highlight(Samples.WithCursor(Job, "E by")).Highlights);
    }

    [Fact]
    public void An_attribute_with_a_default_and_a_model_are_written_where_declared_and_read_where_used()
    {
        Assert.Equal([("K", 9, DocumentHighlightKind.Write), ("K", 13, DocumentHighlightKind.Read)], Highlight(Samples.WithCursor(Job, "K:")).Highlights);
        Assert.Equal(
            [("M", 2, DocumentHighlightKind.Write), ("M", 12, DocumentHighlightKind.Read), ("M", 16, DocumentHighlightKind.Read), ("M", 20, DocumentHighlightKind.Read)],
            Highlight(Samples.WithCursor(Job, "M {")).Highlights);
        var (_, noDefault) = Highlight("job j\nmodel M {\n  ai P\n  ai Q\n  attribute |Rated: double\n}\nmerge M on P hold 1m {\n  Q = P * Rated\n}\n");
        Assert.Equal([("Rated", 4, DocumentHighlightKind.Read), ("Rated", 7, DocumentHighlightKind.Read)], noDefault);
    }

    [Fact]
    public void The_job_is_written_where_declared()
    {
        Assert.Equal([("plant", 0, DocumentHighlightKind.Write)], Highlight(Samples.WithCursor(Job, "plant")).Highlights);
    }

    [Fact]
    public void Uses_in_an_imported_file_are_not_highlighted_in_this_one()
    {
        _workspace.WriteFile("models/meters.stream", Samples.Library);
        var (_, reading) = Highlight(Samples.WithCursor(Samples.JobUsingLibrary, "Reading by"));
        Assert.Equal([("Reading", 8, DocumentHighlightKind.Read)], reading);
        var (_, daily) = Highlight(Samples.WithCursor(Samples.JobUsingLibrary, "DailyEnergy"));
        Assert.Equal([("DailyEnergy", 10, DocumentHighlightKind.Write)], daily);
    }

    [Fact]
    public void A_quoted_output_target_is_written_too()
    {
        var (_, highlights) = Highlight("job j\nmodel M {\n  ai P\n  ai `Out-1` kW\n}\nmerge M on P hold 1m {\n  `Out-1` = P\n}\naggregate M window tumbling 1h {\n  P = max(|`Out-1`)\n}\n");
        Assert.Equal([("`Out-1`", 3, DocumentHighlightKind.Read), ("`Out-1`", 6, DocumentHighlightKind.Write), ("`Out-1`", 9, DocumentHighlightKind.Read)], highlights);
    }

    [Theory]
    [InlineData("|job plant\nmodel M { ai P }")]
    [InlineData("job plant\n|\nmodel M { ai P }")]
    [InlineData("// a comm|ent\nmodel M { ai P }")]
    [InlineData("|")]
    [InlineData("job j\nmodel M {\n  ai P\n}\nmerge M on P {\n  Q = P + |")]
    public void Nothing_under_the_cursor_is_an_empty_answer(string marked)
    {
        Assert.Empty(Highlight(marked).Highlights);
    }

    [Fact]
    public void A_broken_file_still_highlights_what_it_binds()
    {
        var (_, highlights) = Highlight("job j\nmodel M {\n  ai P\n  ai Q\n}\nmerge M on P {\n  Q = |P +\n");
        Assert.Equal([("P", 2, DocumentHighlightKind.Read), ("P", 5, DocumentHighlightKind.Read), ("P", 6, DocumentHighlightKind.Read)], highlights);
    }
}
