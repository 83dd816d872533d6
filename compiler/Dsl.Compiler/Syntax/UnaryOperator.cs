namespace Dsl.Compiler.Syntax;

public enum UnaryOperator
{
    Negate,
    Not,
}
