namespace Dsl.Compiler.Symbols;

/// <summary>What a <see cref="Symbol"/> names.</summary>
public enum SymbolKind
{
    Job,
    Model,
    Point,
    Attribute,
    Function,
}
