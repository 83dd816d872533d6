using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>A measure point of a model: an input, or an output when some rule writes it.</summary>
public sealed class PointSymbol : Symbol
{
    internal PointSymbol(ModelSymbol model, string name, PointKind pointKind, DataType type, string? unit, ValueRange? range, SourceText source, TextSpan nameSpan, TextSpan declarationSpan)
        : base(name, source, nameSpan, declarationSpan)
    {
        Model = model;
        PointKind = pointKind;
        Type = type;
        Unit = unit;
        Range = range;
    }

    public override SymbolKind Kind => SymbolKind.Point;

    public ModelSymbol Model { get; }

    public PointKind PointKind { get; }

    /// <summary>The declared type, or the kind's default (double for ai/pi/generic, int for di).</summary>
    public DataType Type { get; }

    /// <summary>The unit as written (<c>kW</c>, <c>m/s</c>), or null.</summary>
    public string? Unit { get; }

    /// <summary>The validity range: values outside it are invalid and excluded from every rule.</summary>
    public ValueRange? Range { get; }

    /// <summary><c>Model::Point</c>, as users write a qualified reference.</summary>
    public string QualifiedName => $"{Model.Name}::{Name}";
}
