using System.Text;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Tests.Binding;
using Dsl.Compiler.Text;
using Xunit.Sdk;

namespace Dsl.Compiler.Tests.Parsing;

/// <summary>Checks on parsed trees: no syntax errors, the tree invariants, and inline expected diagnostics.</summary>
internal static class SyntaxAssert
{
    /// <summary>Parses a file that must have no syntax diagnostics and keep every invariant.</summary>
    public static SyntaxTree Clean(string text)
    {
        var tree = SyntaxTree.Parse(text, "main.stream");
        if (tree.Diagnostics.Count > 0)
            throw new XunitException("Expected no syntax diagnostics, got:\n" + string.Join("\n", tree.Diagnostics.Select(d => $"  {d}")));
        Invariants(tree);
        return tree;
    }

    /// <summary>
    /// The spans marked <c>[|…|]</c> in <paramref name="markup"/> carry exactly the expected
    /// syntax diagnostics, in order (one line each, as the CLI prints them without the
    /// position), and nothing else is reported.
    /// </summary>
    public static SyntaxTree Reports(string markup, string expected)
    {
        var annotated = AnnotatedText.Parse(markup);
        var tree = SyntaxTree.Parse(annotated.Text, "main.stream");
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (annotated.Spans.Length != expectedLines.Length)
            throw new ArgumentException($"The test marks {annotated.Spans.Length} spans but expects {expectedLines.Length} diagnostics.");

        var problems = new StringBuilder();
        var actual = tree.Diagnostics;
        if (actual.Count != expectedLines.Length)
            problems.AppendLine($"Expected {expectedLines.Length} diagnostics, got {actual.Count}.");
        for (var i = 0; i < Math.Min(actual.Count, expectedLines.Length); i++)
        {
            var described = Describe(actual[i]);
            if (described != expectedLines[i])
                problems.AppendLine($"Diagnostic {i + 1}: expected\n  {expectedLines[i]}\nbut got\n  {described}");
            if (actual[i].Span != annotated.Spans[i])
                problems.AppendLine($"Diagnostic {i + 1} ({actual[i].Code}): expected at {annotated.Spans[i]} \"{Excerpt(annotated.Text, annotated.Spans[i])}\", but it is at {actual[i].Span} \"{Excerpt(annotated.Text, actual[i].Span)}\".");
        }
        if (problems.Length > 0)
        {
            problems.AppendLine("All diagnostics:");
            foreach (var d in actual)
                problems.AppendLine($"  {d} at {d.Span} \"{Excerpt(d.Source.Text, d.Span)}\"");
            throw new XunitException(problems.ToString());
        }
        Invariants(tree);
        return tree;
    }

    public static string Describe(Diagnostics.Diagnostic diagnostic) =>
        $"{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}: {diagnostic.Message}";

    /// <summary>
    /// What must hold for every input, broken or not: the tokens cover the text exactly and in
    /// order, every child span lies inside its parent's and after its previous sibling's,
    /// and every diagnostic lies inside the text.
    /// </summary>
    public static void Invariants(SyntaxTree tree)
    {
        var text = tree.Source.Text;
        var position = 0;
        foreach (var token in tree.Tokens)
        {
            if (token.Span.Start != position || token.Span.Length == 0 || token.Text != text.Substring(token.Span.Start, token.Span.Length))
                throw new XunitException($"Token {token.Kind} {token.Span} does not continue the text at {position}.");
            position = token.Span.End;
        }
        if (position != text.Length)
            throw new XunitException($"The tokens end at {position}, the text at {text.Length}.");

        if (tree.Root.Span != new TextSpan(0, text.Length))
            throw new XunitException($"The root spans {tree.Root.Span}, not the whole text.");
        foreach (var node in tree.Root.DescendantsAndSelf())
        {
            var previousEnd = node.Span.Start;
            foreach (var child in node.Children)
            {
                if (!node.Span.Contains(child.Span))
                    throw new XunitException($"{child.GetType().Name} {child.Span} is not inside its parent {node.GetType().Name} {node.Span}.");
                if (child.Span.Start < previousEnd)
                    throw new XunitException($"{child.GetType().Name} {child.Span} starts before the end of its previous sibling ({previousEnd}) in {node.GetType().Name} {node.Span}.");
                previousEnd = child.Span.End;
            }
        }

        foreach (var diagnostic in tree.Diagnostics)
        {
            if (diagnostic.Span.Start < 0 || diagnostic.Span.End > text.Length)
                throw new XunitException($"{diagnostic} has span {diagnostic.Span} outside the text (length {text.Length}).");
            if (diagnostic.Code.StartsWith("DSL4", StringComparison.Ordinal))
                throw new XunitException($"The parser failed internally: {diagnostic}");
        }
    }

    /// <summary>The single node of a type in the tree.</summary>
    public static T Single<T>(SyntaxTree tree)
        where T : SyntaxNode => Assert.Single(tree.Root.DescendantsAndSelf().OfType<T>());

    private static string Excerpt(string text, TextSpan span) =>
        span.Start >= text.Length ? "<end>" : text.Substring(span.Start, Math.Min(span.Length, text.Length - span.Start));
}
