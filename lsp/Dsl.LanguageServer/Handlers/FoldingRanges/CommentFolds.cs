using System.Text.RegularExpressions;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Protocol.Messages;
using static Dsl.LanguageServer.Handlers.FoldingRanges.FoldingRangeBuilder;

namespace Dsl.LanguageServer.Handlers.FoldingRanges;

/// <summary>
/// The folding ranges of comments: runs of <c>//</c> comments on lines of their own, one line
/// after another; block comments over several lines; and regions from <c>// #region</c> to
/// <c>// #endregion</c>. An editor that has a folding provider no longer folds by the markers of
/// the language configuration (lsp/vscode/language-configuration.json), so the server keeps them.
/// </summary>
public static partial class CommentFolds
{
    public static IEnumerable<FoldingRange> Find(SourceText source, IEnumerable<SyntaxToken> tokens)
    {
        var regions = new Stack<int>();
        (int Start, int End)? run = null;
        foreach (var token in tokens)
        {
            if (token.Kind == SyntaxTokenKind.Whitespace)
                continue;
            var line = Line(source, token.Span.Start);
            var ownLine = token.Kind == SyntaxTokenKind.LineComment && IsFirstOnItsLine(source, token.Span.Start);
            var isRegionStart = ownLine && RegionStart().IsMatch(token.Text);
            var isRegionEnd = ownLine && RegionEnd().IsMatch(token.Text);
            if (isRegionStart)
                regions.Push(line);
            if (isRegionEnd && regions.TryPop(out var regionStart))
                yield return new FoldingRange(regionStart, line, FoldingRangeKind.Region);

            // A marker is no comment to fold away with the lines around it.
            var plain = ownLine && !isRegionStart && !isRegionEnd;
            if (plain && run is { } lines && lines.End == line - 1)
            {
                run = (lines.Start, line);
                continue;
            }
            if (run is { } ended)
                yield return new FoldingRange(ended.Start, ended.End, FoldingRangeKind.Comment);
            run = plain ? (line, line) : null;
            if (token.Kind == SyntaxTokenKind.BlockComment)
                yield return new FoldingRange(line, Line(source, Math.Max(token.Span.Start, token.Span.End - 1)), FoldingRangeKind.Comment);
        }
        if (run is { } last)
            yield return new FoldingRange(last.Start, last.End, FoldingRangeKind.Comment);
    }

    // The markers of lsp/vscode/language-configuration.json ("folding.markers").
    [GeneratedRegex(@"^//\s*#?region\b")]
    private static partial Regex RegionStart();

    [GeneratedRegex(@"^//\s*#?endregion\b")]
    private static partial Regex RegionEnd();
}
