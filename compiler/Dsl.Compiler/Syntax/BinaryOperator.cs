namespace Dsl.Compiler.Syntax;

/// <summary>Binary operators; see docs/language.md for precedence (power binds tightest and is right-associative).</summary>
public enum BinaryOperator
{
    Power,
    Multiply,
    Divide,
    Modulo,
    Add,
    Subtract,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}
