using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;
using Range = Dsl.LanguageServer.Protocol.Messages.Range;

namespace Dsl.LanguageServer.Tests.Documents;

public sealed class DocumentStoreTests
{
    private static TextDocumentContentChangeEvent Edit(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new(text, new Range(new Position(startLine, startCharacter), new Position(endLine, endCharacter)));

    [Fact]
    public void Incremental_edits_apply_in_order_each_to_the_previous_result()
    {
        var store = new DocumentStore();
        store.Open("file:///a.stream", 1, "model A {\n  ai P\n}\n");
        var changed = store.Change("file:///a.stream", 2, [Edit(1, 5, 1, 6, "Power"), Edit(1, 10, 1, 10, " kW"), Edit(0, 6, 0, 7, "Meter")]);
        Assert.Equal("model Meter {\n  ai Power kW\n}\n", changed?.Text);
        Assert.Equal(2, changed?.Version);
    }

    [Fact]
    public void A_change_without_a_range_replaces_the_whole_text()
    {
        var store = new DocumentStore();
        store.Open("file:///a.stream", 1, "old");
        Assert.Equal("new", store.Change("file:///a.stream", 2, [new TextDocumentContentChangeEvent("new")])?.Text);
    }

    [Fact]
    public void Positions_outside_the_text_are_clamped()
    {
        var store = new DocumentStore();
        store.Open("file:///a.stream", 1, "ab\ncd");
        Assert.Equal("ab!\ncd", store.Change("file:///a.stream", 2, [Edit(0, 99, 0, 99, "!")])?.Text);
        Assert.Equal("ab!\ncd?", store.Change("file:///a.stream", 3, [Edit(42, 0, 99, 99, "?")])?.Text);
        Assert.Equal("X!\ncd?", store.Change("file:///a.stream", 4, [Edit(-5, -5, 0, 2, "X")])?.Text);
        Assert.Equal("Y", store.Change("file:///a.stream", 5, [Edit(99, 0, -1, 0, "Y")])?.Text);
    }

    [Fact]
    public void Characters_count_in_utf16_code_units_and_crlf_is_one_line_break()
    {
        var store = new DocumentStore();
        store.Open("file:///a.stream", 1, "// 😀 x\r\nmodel A {}");
        Assert.Equal("// 😀 y\r\nmodel B {}", store.Change("file:///a.stream", 2, [Edit(0, 6, 0, 7, "y"), Edit(1, 6, 1, 7, "B")])?.Text);
    }

    [Fact]
    public void Edits_to_a_document_that_is_not_open_are_ignored()
    {
        var store = new DocumentStore();
        Assert.Null(store.Change("file:///missing.stream", 2, [new TextDocumentContentChangeEvent("x")]));
        Assert.False(store.Close("file:///missing.stream"));
    }

    [Fact]
    public void File_uris_map_to_paths_and_back()
    {
        var path = Path.Combine(Path.GetTempPath(), "a b", "job.stream");
        var uri = DocumentUri.FromPath(path);
        Assert.StartsWith("file://", uri);
        Assert.Equal(Path.GetFullPath(path), DocumentUri.ToPath(uri));
        Assert.Equal("untitled:Untitled-1", DocumentUri.ToPath("untitled:Untitled-1"));
    }
}
