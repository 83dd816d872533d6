using System.Collections;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>
/// A node of the immutable syntax tree. Every node knows its span in the source; its
/// <see cref="Children"/> come in source order and their spans nest inside its own.
/// </summary>
public abstract record SyntaxNode(TextSpan Span)
{
    /// <summary>The child nodes in source order (absent optional parts are left out).</summary>
    public abstract IEnumerable<SyntaxNode> Children { get; }

    /// <summary>This node and all its descendants, depth first, in source order.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children.Reverse())
                stack.Push(child);
        }
    }

    /// <summary>Flattens nodes and node lists into one child sequence, skipping nulls.</summary>
    protected static IEnumerable<SyntaxNode> Nodes(params object?[] items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case SyntaxNode node:
                    yield return node;
                    break;
                case IEnumerable list:
                    foreach (var element in list)
                    {
                        if (element is SyntaxNode child)
                            yield return child;
                    }
                    break;
            }
        }
    }
}
