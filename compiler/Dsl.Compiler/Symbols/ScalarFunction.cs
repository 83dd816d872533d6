namespace Dsl.Compiler.Symbols;

/// <summary>Built-in scalar functions.</summary>
public enum ScalarFunction
{
    Abs,
    Sqrt,
    Exp,
    Ln,
    Log10,
    Pow,
    Min,
    Max,
    Clamp,
    Round,
    Floor,
    Ceil,
    Sign,
    Coalesce,
    IsNan,
}
