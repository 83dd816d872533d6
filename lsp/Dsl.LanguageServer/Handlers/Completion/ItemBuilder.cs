using Dsl.Compiler.Symbols;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;
using LspKind = Dsl.LanguageServer.Protocol.Messages.CompletionItemKind;
using Range = Dsl.LanguageServer.Protocol.Messages.Range;

namespace Dsl.LanguageServer.Handlers.Completion;

/// <summary>Builds completion items that replace the word being typed, without duplicates, grouped for sorting.</summary>
internal sealed class ItemBuilder(Range replace, bool typedBacktick = false, bool snippets = false)
{
    private readonly Range _replace = replace;

    // Whether the word being replaced begins with a backtick: the client filters the items by
    // that word, so a declared name is matched by its written form (`` `My`` finds `` `My-Model` ``)
    // after one, and by its bare name (`wh` finds `` `where` ``) otherwise.
    private readonly bool _typedBacktick = typedBacktick;

    // Whether a function may be a snippet that leaves the cursor between its parentheses;
    // without snippet support it is inserted by name only.
    private readonly bool _snippets = snippets;
    private readonly List<CompletionItem> _items = [];
    // What each item writes under its label: a point named like a keyword (`where`) is offered
    // beside the keyword, which writes the bare word, not dropped as its duplicate.
    private readonly HashSet<(string Label, string Inserted)> _offered = [];

    public void Add(string label, int kind, string? detail, string? documentation, string? insertText = null, bool snippet = false, char sortGroup = '2', string? filterText = null)
    {
        if (!_offered.Add((label, insertText ?? label)))
            return;
        _items.Add(new CompletionItem(
            label,
            kind,
            detail,
            documentation is null ? null : new MarkupContent("markdown", documentation),
            InsertTextFormat: snippet ? 2 : null,
            SortText: $"{sortGroup}{label}",
            FilterText: filterText ?? label,
            TextEdit: new TextEdit(_replace, insertText ?? label)));
    }

    public void Keywords(IEnumerable<string> words, char sortGroup = '1')
    {
        foreach (var word in words)
            Add(word, LspKind.Keyword, "keyword", LanguageFacts.KeywordDocs.GetValueOrDefault(word), sortGroup: sortGroup);
    }

    /// <summary>
    /// A declared name, inserted as it must be written: in backticks when it is not an
    /// identifier or is a reserved word; filtered as the word being typed is written.
    /// </summary>
    public void Name(string name, int kind, string? detail, string? documentation, char sortGroup = '2')
    {
        var written = LanguageFacts.Quote(name);
        Add(name, kind, detail, documentation, written, sortGroup: sortGroup, filterText: _typedBacktick ? written : name);
    }

    public void Models(IEnumerable<ModelSymbol> models)
    {
        foreach (var model in models)
            Name(model.Name, LspKind.Class, $"model ({model.Points.Length} points)", null);
    }

    public void Points(ModelSymbol model, Func<PointSymbol, bool>? where = null)
    {
        foreach (var point in model.Points.Where(where ?? (_ => true)))
            Name(point.Name, LspKind.Field, SymbolDescriptions.Signature(point), $"Point of model `{model.Name}`.");
    }

    public void Attributes(ModelSymbol model)
    {
        foreach (var attribute in model.Attributes)
            Name(attribute.Name, LspKind.Constant, SymbolDescriptions.Signature(attribute), $"Attribute of model `{model.Name}` (per-asset constant).");
    }

    public void Functions(IEnumerable<FunctionSymbol> functions)
    {
        foreach (var function in functions)
        {
            var snippet = _snippets && function.MaxArguments != 0;
            var insert = function.MaxArguments == 0 ? $"{function.Name}()" : snippet ? $"{function.Name}($1)$0" : function.Name;
            Add(function.Name, LspKind.Function, function.Signature, function.Documentation, insert, snippet, sortGroup: '3');
        }
    }

    public CompletionItem[] ToArray() => _items.ToArray();
}
