using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>A per-asset constant of a model, from asset master data, with an optional default.</summary>
public sealed class AttributeSymbol : Symbol
{
    internal AttributeSymbol(ModelSymbol model, string name, DataType type, object? defaultValue, string? unit, SourceText source, TextSpan nameSpan, TextSpan declarationSpan)
        : base(name, source, nameSpan, declarationSpan)
    {
        Model = model;
        Type = type;
        DefaultValue = defaultValue;
        Unit = unit;
    }

    public override SymbolKind Kind => SymbolKind.Attribute;

    public ModelSymbol Model { get; }

    /// <summary>The declared type; without one, the type of the default, and double without either.</summary>
    public DataType Type { get; }

    /// <summary>
    /// The default as a CLR value of <see cref="Type"/> (double, long, int, bool or string), or
    /// null when there is none: an asset without a value then skips the rules that need it.
    /// </summary>
    public object? DefaultValue { get; }

    public string? Unit { get; }
}
