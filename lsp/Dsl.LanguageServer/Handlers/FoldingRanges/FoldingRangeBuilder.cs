using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.FoldingRanges;

/// <summary>
/// The folding ranges of a file from its tree and tokens: every declaration over several lines
/// (a model, settings, a rule, an alarm block), every part of one that goes on over lines (an
/// output, an energy clause, an alarm rule), a run of imports, and the comments
/// <see cref="CommentFolds"/> finds. Ranges are whole lines, as editors fold them; a block's
/// closing <c>}</c> on its own line stays visible, as in VS Code's own languages.
/// </summary>
public static class FoldingRangeBuilder
{
    public static FoldingRange[] Build(SyntaxTree tree)
    {
        var source = tree.Source;
        var ranges = new List<FoldingRange>();
        foreach (var declaration in tree.Root.Declarations)
        {
            ranges.Add(Code(source, declaration.Span));
            foreach (var part in declaration.Children)
                ranges.Add(Code(source, part.Span));
        }
        ranges.AddRange(Imports(source, tree.Root.Declarations));
        ranges.AddRange(CommentFolds.Find(source, tree.Tokens));
        // Editors keep one range per start line: the outermost says most.
        var outermost = ranges
            .Where(r => r.EndLine > r.StartLine)
            .GroupBy(r => r.StartLine)
            .Select(g => g.MaxBy(r => r.EndLine)!)
            .OrderBy(r => r.StartLine);
        return Nested(outermost);
    }

    /// <summary>
    /// Ranges that nest or follow each other, as editors need them (VS Code drops one of two
    /// that overlap). Two overlap when one ends on the line another starts on: a block comment
    /// whose last line holds the model after it, a rule whose '}' shares its line with the next.
    /// The earlier range then ends a line before the later one starts, and is dropped if that
    /// leaves it a single line.
    /// </summary>
    private static FoldingRange[] Nested(IEnumerable<FoldingRange> byStart)
    {
        // Cutting a range short keeps every range it held inside it: one that ended on or after
        // the later range's start is cut to the same line.
        var kept = new List<FoldingRange>();
        foreach (var range in byStart)
        {
            for (var i = 0; i < kept.Count; i++)
            {
                if (kept[i].EndLine >= range.StartLine && kept[i].EndLine < range.EndLine)
                    kept[i] = kept[i] with { EndLine = range.StartLine - 1 };
            }
            kept.Add(range);
        }
        return [.. kept.Where(r => r.EndLine > r.StartLine)];
    }

    private static FoldingRange Code(SourceText source, TextSpan span)
    {
        var text = source.Text;
        // A recovered node may end in the whitespace after it, or at the end of an unterminated file.
        var end = Math.Min(span.End, text.Length);
        while (end > span.Start && char.IsWhiteSpace(text[end - 1]))
            end--;
        var startLine = Line(source, span.Start);
        if (end <= span.Start)
            return new FoldingRange(startLine, startLine, null);
        var endLine = Line(source, end - 1);
        if (text[end - 1] == '}' && IsFirstOnItsLine(source, end - 1))
            endLine--;
        return new FoldingRange(startLine, endLine, null);
    }

    /// <summary>Each run of consecutive imports, from the first to the last.</summary>
    private static IEnumerable<FoldingRange> Imports(SourceText source, IEnumerable<DeclarationSyntax> declarations)
    {
        TextSpan? run = null;
        foreach (var declaration in declarations.Append(null))
        {
            if (declaration is ImportDeclarationSyntax import)
            {
                run = run?.Union(import.Span) ?? import.Span;
                continue;
            }
            if (run is { } imports)
                yield return new FoldingRange(Line(source, imports.Start), Line(source, Math.Max(imports.Start, imports.End - 1)), FoldingRangeKind.Imports);
            run = null;
        }
    }

    internal static int Line(SourceText source, int offset) => source.GetLinePosition(offset).Line;

    internal static bool IsFirstOnItsLine(SourceText source, int offset)
    {
        var lineStart = source.GetLineSpan(Line(source, offset)).Start;
        return string.IsNullOrWhiteSpace(source.Text[lineStart..offset]);
    }
}
