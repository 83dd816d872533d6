using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>
/// A fully resolved expression with its static type. Operands are already converted to the
/// type an operation is computed in, so the code generator never has to reason about types.
/// </summary>
public abstract record BoundExpression(DataType Type)
{
    /// <summary>The expression and everything below it, depth first.</summary>
    public IEnumerable<BoundExpression> DescendantsAndSelf()
    {
        var stack = new Stack<BoundExpression>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children.Reverse())
                stack.Push(child);
        }
    }

    public abstract IEnumerable<BoundExpression> Children { get; }

    /// <summary>The points the expression reads (history calls included), in first-use order.</summary>
    public IReadOnlyList<PointSymbol> ReadPoints() =>
        DescendantsAndSelf()
            .Select(e => e switch
            {
                BoundPointReference p => p.Point,
                BoundHistoryCall h => h.Point,
                _ => null,
            })
            .OfType<PointSymbol>()
            .Distinct()
            .ToArray();
}
