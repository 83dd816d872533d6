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
        if (word.Kind == SyntaxTokenKind.Duration && IsWellFormedDuration(word.Text))
            return Make(document, DescribeDuration(word.Text, IsCalendarPeriod(tree, word), IsHoppingLength(tree, word)), word.Span);
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
        JobSymbol job => Code($"job {LanguageFacts.Quote(job.Name)}") + (job.Description is { } description ? $"\n{description}" : ""),
        _ => null,
    };

    private static string Category(FunctionCategory category) => category switch
    {
        FunctionCategory.History => "\n\n*History function: merge rules only.*",
        FunctionCategory.Time => "\n\n*Time of the evaluation in the asset's time zone.*",
        FunctionCategory.Aggregate => "\n\n*Aggregate function: the function of an aggregate output.*",
        _ => "",
    };

    /// <summary>
    /// A duration's meaning: where it is a period on the calendar (a tumbling window's size, a
    /// merge's or an energy output's <c>every</c>), <c>1d</c>, <c>1w</c> and <c>1mo</c> are local
    /// calendar lengths; everywhere else (lateness, hold, steps, gaps, emit periods) days and weeks
    /// are fixed lengths and a month has none.
    /// </summary>
    private static string DescribeDuration(string text, bool period, bool hopping)
    {
        var digits = new string(text.TakeWhile(char.IsAsciiDigit).ToArray());
        var unit = text[digits.Length..];
        var one = digits == "1";
        var name = unit switch
        {
            "ms" => "millisecond",
            "s" => "second",
            "m" => "minute",
            "h" => "hour",
            "d" => "day",
            "w" => "week",
            "mo" => "month",
            _ => unit,
        };
        var builder = new StringBuilder(Code(text)).Append($"\n**duration**: {digits} {name}{(one ? "" : "s")}");
        if (unit is not ("d" or "w" or "mo"))
            return builder.ToString();

        builder.Append("\n\n");
        if (period && one)
            builder.Append(unit switch
            {
                "d" => "A period on the calendar: one local day in the asset's time zone (a DST day has 23 or 25 hours).",
                "w" => "A period on the calendar: one local week, starting on Monday, in the asset's time zone.",
                _ => "A period on the calendar: one local month in the asset's time zone.",
            });
        else if (period)
            builder.Append("A period on the calendar can only be `1d`, `1w` or `1mo`; write hours for a fixed length (`48h`).");
        else if (hopping)
            builder.Append("A hopping window's size and step are fixed lengths written in hours or shorter units (`48h`): days and weeks are refused here, since a window of `1d` is elsewhere a local day.");
        else if (unit == "mo")
            builder.Append("A fixed length here, which a month does not have.");
        else if (long.TryParse(digits, out long count) && count <= long.MaxValue / 168)
            builder.Append($"A fixed length here: {count * (unit == "d" ? 24 : 168)} hours.");
        return builder.ToString();
    }

    /// <summary>
    /// Whether a duration token is an integer and a unit. The lexer makes a duration token of
    /// what only looks like one too (<c>5min</c>, <c>1.5h</c>), which the compiler rejects
    /// (DSL1007): that has no length to tell, and its diagnostic says what to write.
    /// </summary>
    private static bool IsWellFormedDuration(string text)
    {
        var digits = text.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && LanguageFacts.DurationUnits.Contains(text[digits..]);
    }

    /// <summary>Whether a duration is a hopping window's size or step, where days and weeks are refused (DSL3029).</summary>
    private static bool IsHoppingLength(SyntaxTree tree, SyntaxToken duration) =>
        tree.Tokens.LastOrDefault(t => !t.IsTrivia && t.Span.End <= duration.Span.Start).Text is "hopping" or "step";

    /// <summary>Whether a duration is a period on the calendar: a tumbling window's size, or an <c>every</c> that is not an emit period.</summary>
    private static bool IsCalendarPeriod(SyntaxTree tree, SyntaxToken duration)
    {
        var before = tree.Tokens.Where(t => !t.IsTrivia && t.Span.End <= duration.Span.Start).TakeLast(2).Select(t => t.Text).ToArray();
        return before switch
        {
            [.., "tumbling"] => true,
            ["early", "every"] => false,
            [.., "every"] => true,
            _ => false,
        };
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
