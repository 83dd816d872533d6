using System.Text;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Language;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Hover;

/// <summary>textDocument/hover: what a name is (kind, type, unit, range, model), a function's signature and doc, or a keyword's meaning.</summary>
public sealed class HoverHandler(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;
    private readonly SymbolFinder _finder = new(workspace);

    public Protocol.Messages.Hover? Handle(TextDocumentPositionParams request, CancellationToken cancellationToken)
    {
        var document = _workspace.GetDocument(request.TextDocument.Uri);
        var position = TextPositions.ToOffset(document.Source, request.Position);
        var tree = _workspace.GetSyntax(document).Tree;
        var token = TokenAt(tree, position);
        if (token is { IsTrivia: true } || token?.Kind == SyntaxTokenKind.String)
            return null;

        if (_finder.FindAt(document, position, cancellationToken) is { } found && Describe(found.Symbol) is { } markdown)
            return Make(document, markdown, found.NameSpan);

        if (token is not { } word)
            return null;
        if (word.Kind == SyntaxTokenKind.Duration)
            return Make(document, DescribeDuration(word.Text), word.Span);
        if (LanguageFacts.KeywordDocs.TryGetValue(word.Text, out var doc))
            return Make(document, $"```stream\n{word.Text}\n```\n{doc}", word.Span);
        return null;
    }

    public static string? Describe(Symbol symbol) => symbol switch
    {
        PointSymbol point => Code(SymbolDescriptions.Signature(point))
            + $"\n**point** of model `{point.Model.Name}` — {SymbolDescriptions.KindName(point.PointKind)}"
            + $"\n\n- type: `{point.Type.ToKeyword()}`"
            + (point.Unit is { } unit ? $"\n- unit: `{unit}`" : "")
            + (point.Range is { } range ? $"\n- valid range: `{range}` (values outside are invalid and excluded from every rule)" : ""),
        AttributeSymbol attribute => Code(SymbolDescriptions.Signature(attribute))
            + $"\n**attribute** of model `{attribute.Model.Name}` — a per-asset constant from asset master data"
            + $"\n\n- type: `{attribute.Type.ToKeyword()}`"
            + (attribute.Unit is { } unit ? $"\n- unit: `{unit}`" : "")
            + (attribute.DefaultValue is null ? "\n- no default: assets without a value are skipped by rules that need it" : ""),
        ModelSymbol model => Code($"model {LanguageFacts.Quote(model.Name)}")
            + $"\n**model** with {model.Points.Length} point(s) and {model.Attributes.Length} attribute(s)"
            + $" — declared in `{Path.GetFileName(model.DeclaringFile.Path)}`",
        FunctionSymbol function => Code(function.Signature) + $"\n{function.Documentation}" + Category(function.Category),
        JobSymbol job => Code($"job {job.Name}") + (job.Description is { } description ? $"\n{description}" : ""),
        _ => null,
    };

    private static string Category(FunctionCategory category) => category switch
    {
        FunctionCategory.History => "\n\n*History function: merge rules only.*",
        FunctionCategory.Time => "\n\n*Time of the evaluation in the asset's time zone.*",
        FunctionCategory.Aggregate => "\n\n*Aggregate function: the function of an aggregate output.*",
        _ => "",
    };

    private static string DescribeDuration(string text)
    {
        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        var unit = text[digits.Length..];
        var name = LanguageFacts.DurationUnitNames.GetValueOrDefault(unit, unit);
        var builder = new StringBuilder(Code(text)).Append($"\n**duration**: {digits} {name}");
        if (unit is "d" or "w" or "mo" && digits == "1")
            builder.Append("\n\nAs a window size this is a calendar length in the asset's time zone (DST days have 23 or 25 hours).");
        return builder.ToString();
    }

    private static string Code(string text) => $"```stream\n{text}\n```";

    private static Protocol.Messages.Hover Make(TextDocument document, string markdown, TextSpan span) =>
        new(new MarkupContent("markdown", markdown), TextPositions.ToRange(document.Source, span));

    private static SyntaxToken? TokenAt(SyntaxTree tree, int position)
    {
        SyntaxToken? touching = null;
        foreach (var token in tree.Tokens)
        {
            if (token.Span.Contains(position))
                return token.Kind == SyntaxTokenKind.Whitespace ? touching : token;
            if (token.Span.End == position && !token.IsTrivia)
                touching = token;
            if (token.Span.Start > position)
                break;
        }
        return touching;
    }
}
