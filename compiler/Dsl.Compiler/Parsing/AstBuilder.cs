using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using static Dsl.Grammar.StreamParser;

namespace Dsl.Compiler.Parsing;

/// <summary>
/// Turns the ANTLR parse tree into the immutable syntax tree. The parse tree of a broken
/// file has holes (a rule that stopped at an error has no children after it); each hole
/// becomes a missing name, a <see cref="MissingExpressionSyntax"/> or a zero-length
/// literal, which later stages recognise as "already reported".
/// <para>
/// Spans: a node covers the tokens its rule consumed and all of its children, so child
/// spans always nest in their parent's. A node with no tokens is empty and sits right
/// after the previous token, where the missing text belongs.
/// </para>
/// </summary>
internal sealed partial class AstBuilder(string text, SyntaxDiagnosticCollector diagnostics)
{
    private readonly HashSet<int> _nameTokens = [];

    /// <summary>Indexes of the tokens read as names (so a soft keyword used as a name is classified as one).</summary>
    public IReadOnlySet<int> NameTokens => _nameTokens;

    public CompilationUnitSyntax Build(CompilationUnitContext context)
    {
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        foreach (var declaration in context.declaration())
        {
            if (BuildDeclaration(declaration) is { } built)
                declarations.Add(built);
        }
        return new CompilationUnitSyntax(new TextSpan(0, text.Length), declarations.ToImmutable());
    }

    // ---- Spans -----------------------------------------------------------------------------

    /// <summary>The text a rule consumed, or an empty span after the previous token when it consumed nothing.</summary>
    private static TextSpan SpanOf(ParserRuleContext context)
    {
        var start = context.Start;
        var stop = context.Stop;
        if (start == null)
            return default;
        if (stop == null || start.Type == TokenConstants.EOF || stop.TokenIndex < start.TokenIndex)
            return new TextSpan(stop == null ? Math.Max(0, start.StartIndex) : stop.StopIndex + 1, 0);
        return TextSpan.FromBounds(start.StartIndex, stop.StopIndex + 1);
    }

    /// <summary>Where a part missing from a rule belongs: right after the last token the rule consumed.</summary>
    private static TextSpan MissingIn(ParserRuleContext context) => new(SpanOf(context).End, 0);

    private static TextSpan Cover(TextSpan own, params SyntaxNode?[] children)
    {
        var span = own;
        foreach (var child in children)
        {
            if (child != null)
                span = span.Union(child.Span);
        }
        return span;
    }

    private static TextSpan Cover<T>(TextSpan own, ImmutableArray<T> children)
        where T : SyntaxNode
    {
        var span = own;
        foreach (var child in children)
            span = span.Union(child.Span);
        return span;
    }

    /// <summary>The last token of a rule that was really read (not one error recovery skipped or invented).</summary>
    private static IToken? RealToken(ParserRuleContext? context)
    {
        if (context?.children == null)
            return null;
        for (var i = context.children.Count - 1; i >= 0; i--)
        {
            if (context.children[i] is ITerminalNode terminal and not IErrorNode && terminal.Symbol.TokenIndex >= 0)
                return terminal.Symbol;
        }
        return null;
    }

    /// <summary>A token that ANTLR may have conjured up to recover: only real tokens count.</summary>
    private static bool IsReal(IToken? token) => token != null && token.TokenIndex >= 0;

    private static TextSpan SpanOf(IToken token) => TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    /// <summary>
    /// Where a part left out after a token belongs: the word after it (letters, digits and
    /// underscores), or the one character there (a '{').
    /// </summary>
    private TextSpan WordAfter(IToken token)
    {
        var start = token.StopIndex + 1;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
            start++;
        var end = start;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            end++;
        return TextSpan.FromBounds(start, end == start ? Math.Min(start + 1, text.Length) : end);
    }

    private string TextOf(IToken token) => text.Substring(token.StartIndex, token.StopIndex - token.StartIndex + 1);
}
