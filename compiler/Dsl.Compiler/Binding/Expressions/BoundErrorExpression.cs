using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>Stands for an expression that failed to bind. It was reported; its error type keeps everything around it quiet.</summary>
public sealed record BoundErrorExpression() : BoundExpression(DataType.Error)
{
    public static BoundErrorExpression Instance { get; } = new();

    public override IEnumerable<BoundExpression> Children => [];
}
