namespace Dsl.Compiler.Symbols;

/// <summary>
/// The static type of a point, an attribute or an expression. (Not called ValueType, which
/// would clash with <see cref="System.ValueType"/> in every file that imports both namespaces.)
/// </summary>
public enum DataType
{
    /// <summary>The type of something that failed to bind; it was reported, so nothing built on it reports again.</summary>
    Error,
    Double,
    Long,
    Int,
    Bool,
    String,
}
