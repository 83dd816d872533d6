using System.Collections.Immutable;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Formatting;

/// <summary>
/// What the tree says about layout, keyed by token start offset: which tokens begin a line
/// of their own, which sit tight against their neighbour, and which are function names.
/// </summary>
internal sealed class FormattingLayout
{
    private FormattingLayout(HashSet<int> lineStarts, HashSet<int> joinWithPrevious, HashSet<int> tightAfter, HashSet<int> tightBefore, HashSet<int> outputStarts, HashSet<int> outputEquals)
    {
        OutputStarts = outputStarts;
        OutputEquals = outputEquals;
        LineStarts = lineStarts;
        JoinWithPrevious = joinWithPrevious;
        TightAfter = tightAfter;
        TightBefore = tightBefore;
    }

    /// <summary>Tokens that start an output line of an aggregate or merge block.</summary>
    public HashSet<int> OutputStarts { get; }

    /// <summary>The '=' of each aggregate or merge output, aligned within a run of consecutive outputs.</summary>
    public HashSet<int> OutputEquals { get; }

    /// <summary>Tokens that start a declaration, member, setting, output or clause.</summary>
    public HashSet<int> LineStarts { get; }

    /// <summary>Tokens that are the continuation of one literal or name (no space before them).</summary>
    public HashSet<int> JoinWithPrevious { get; }

    /// <summary>Tokens followed by no space: unary operators (but a minus before a number) and function names before their '('.</summary>
    public HashSet<int> TightAfter { get; }

    /// <summary>Tokens preceded by no space: the ':' of a type annotation.</summary>
    public HashSet<int> TightBefore { get; }

    public static FormattingLayout Compute(SyntaxTree tree)
    {
        var tokens = tree.Tokens.Where(t => !t.IsTrivia).ToImmutableArray();
        var starts = tokens.Select(t => t.Span.Start).ToArray();
        var lineStarts = new HashSet<int>();
        var join = new HashSet<int>();
        var tightAfter = new HashSet<int>();
        var tightBefore = new HashSet<int>();
        var outputStarts = new HashSet<int>();
        var outputEquals = new HashSet<int>();

        foreach (var node in tree.Root.DescendantsAndSelf())
        {
            switch (node)
            {
                case DeclarationSyntax or ModelMemberSyntax or SettingSyntax or AggregateOutputSyntax
                    or MergeOutputSyntax or EnergyClauseSyntax or AlarmRuleSyntax:
                    lineStarts.Add(node.Span.Start);
                    break;
                case DurationSyntax or NumberLiteralSyntax or InfinityLiteralSyntax or TimeOfDaySyntax
                    or NameSyntax or UnitSyntax or StringLiteralSyntax or BooleanLiteralSyntax:
                    foreach (var index in TokensIn(tokens, starts, node.Span).Skip(1))
                        join.Add(tokens[index].Span.Start);
                    break;
                // A minus written apart from a number stays apart: against it, it would fold into
                // the number and could change its type (`- 2147483648` negates a long, `-2147483648`
                // is an int).
                case UnaryExpressionSyntax { Operator: UnaryOperator.Negate, Operand: NumberLiteralSyntax }:
                    break;
                case UnaryExpressionSyntax unary:
                    tightAfter.Add(unary.Span.Start);
                    break;
            }

            switch (node)
            {
                case AggregateOutputSyntax aggregateOutput:
                    MarkOutput(tokens, starts, aggregateOutput.Span, aggregateOutput.Target, outputStarts, outputEquals);
                    break;
                case MergeOutputSyntax mergeOutput:
                    MarkOutput(tokens, starts, mergeOutput.Span, mergeOutput.Target, outputStarts, outputEquals);
                    break;
            }

            switch (node)
            {
                case CallExpressionSyntax call:
                    MarkFunctionName(tokens, starts, call.Function, tightAfter);
                    break;
                case AggregateOutputSyntax output:
                    MarkFunctionName(tokens, starts, output.Function, tightAfter);
                    break;
                case PointDeclarationSyntax { Type: { } pointType } point:
                    MarkTypeColon(tokens, starts, point.Name.Span.End, pointType.Span.Start, tightBefore);
                    break;
                case AttributeDeclarationSyntax { Type: { } attributeType } attribute:
                    MarkTypeColon(tokens, starts, attribute.Name.Span.End, attributeType.Span.Start, tightBefore);
                    break;
            }
        }

        return new FormattingLayout(lineStarts, join, tightAfter, tightBefore, outputStarts, outputEquals);
    }

    private static void MarkOutput(ImmutableArray<SyntaxToken> tokens, int[] starts, TextSpan output, NameSyntax target, HashSet<int> outputStarts, HashSet<int> outputEquals)
    {
        outputStarts.Add(output.Start);
        var equals = TokensIn(tokens, starts, TextSpan.FromBounds(target.Span.End, output.End)).FirstOrDefault(-1);
        if (equals >= 0 && tokens[equals].Text == "=")
            outputEquals.Add(tokens[equals].Span.Start);
    }

    private static void MarkFunctionName(ImmutableArray<SyntaxToken> tokens, int[] starts, NameSyntax name, HashSet<int> tightAfter)
    {
        var last = TokensIn(tokens, starts, name.Span).LastOrDefault(-1);
        if (last >= 0 && last + 1 < tokens.Length && tokens[last + 1].Text == "(")
            tightAfter.Add(tokens[last].Span.Start);
    }

    private static void MarkTypeColon(ImmutableArray<SyntaxToken> tokens, int[] starts, int from, int to, HashSet<int> tightBefore)
    {
        foreach (var index in TokensIn(tokens, starts, TextSpan.FromBounds(from, to)))
        {
            if (tokens[index].Text == ":")
                tightBefore.Add(tokens[index].Span.Start);
        }
    }

    private static IEnumerable<int> TokensIn(ImmutableArray<SyntaxToken> tokens, int[] starts, TextSpan span)
    {
        var index = Array.BinarySearch(starts, span.Start);
        if (index < 0)
            index = ~index;
        for (; index < tokens.Length && tokens[index].Span.End <= span.End; index++)
        {
            if (tokens[index].Span.Length > 0)
                yield return index;
        }
    }
}
