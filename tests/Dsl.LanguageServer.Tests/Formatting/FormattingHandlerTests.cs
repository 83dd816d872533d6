using Dsl.LanguageServer.Handlers.Formatting;
using Dsl.LanguageServer.Protocol.Messages;
using Dsl.LanguageServer.Tests.Infrastructure;

namespace Dsl.LanguageServer.Tests.Formatting;

public sealed class FormattingHandlerTests : IDisposable
{
    private readonly TestWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private TextEdit[] Format(string uri) =>
        new FormattingHandler(_workspace.Workspace).Handle(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true)), CancellationToken.None);

    [Fact]
    public void A_formatted_document_needs_no_edits()
    {
        var (uri, _) = _workspace.Open("main.stream", Samples.Job);
        Assert.Empty(Format(uri));
    }

    [Fact]
    public void A_messy_document_is_replaced_whole_by_its_canonical_form()
    {
        var messy = Samples.Job.Replace("  ai ReactivePower kvar", "        ai   ReactivePower   kvar   // reactive", StringComparison.Ordinal);
        var (uri, _) = _workspace.Open("main.stream", messy);
        var edit = Assert.Single(Format(uri));
        Assert.Equal(0, edit.Range.Start.Line);
        Assert.Contains("  ai ReactivePower kvar // reactive\n", edit.NewText);
        Assert.Equal(messy, _workspace.TextAt(uri, edit.Range));
    }

    [Fact]
    public void A_broken_document_gets_no_edits()
    {
        var (uri, _) = _workspace.Open("main.stream", "model M {\n ai \n aggregate");
        Assert.Empty(Format(uri));
    }

    [Fact]
    public void A_document_with_crlf_line_endings_keeps_them()
    {
        const string messy = "job   j\r\nmodel M {\r\n      ai A\r\n}\r\n";
        var (uri, _) = _workspace.Open("main.stream", messy);
        var edit = Assert.Single(Format(uri));
        Assert.Equal("job j\r\nmodel M {\r\n  ai A\r\n}\r\n", edit.NewText);
        Assert.Equal(messy, _workspace.TextAt(uri, edit.Range));
    }

    [Fact]
    public void A_formatted_document_with_crlf_line_endings_needs_no_edits()
    {
        var (uri, _) = _workspace.Open("main.stream", "job j\r\nmodel M {\r\n  ai A\r\n}\r\n");
        Assert.Empty(Format(uri));
    }
}
