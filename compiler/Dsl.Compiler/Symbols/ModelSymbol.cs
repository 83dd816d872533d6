using System.Collections.Immutable;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>A device model: its points and attributes, and the file that declares it.</summary>
public sealed class ModelSymbol : Symbol
{
    private Dictionary<string, Symbol> _membersByName = new(StringComparer.Ordinal);

    internal ModelSymbol(string name, SourceText source, TextSpan nameSpan, TextSpan declarationSpan)
        : base(name, source, nameSpan, declarationSpan) => DeclaringFile = source;

    public override SymbolKind Kind => SymbolKind.Model;

    /// <summary>The file that declares the model (the job itself or an imported library).</summary>
    public SourceText DeclaringFile { get; }

    public ImmutableArray<PointSymbol> Points { get; private set; } = ImmutableArray<PointSymbol>.Empty;

    public ImmutableArray<AttributeSymbol> Attributes { get; private set; } = ImmutableArray<AttributeSymbol>.Empty;

    /// <summary>Points and attributes in declaration order.</summary>
    public ImmutableArray<Symbol> Members { get; private set; } = ImmutableArray<Symbol>.Empty;

    public PointSymbol? GetPoint(string name) => GetMember(name) as PointSymbol;

    public AttributeSymbol? GetAttribute(string name) => GetMember(name) as AttributeSymbol;

    /// <summary>The point or attribute with this name (points and attributes share one namespace).</summary>
    public Symbol? GetMember(string name) => _membersByName.GetValueOrDefault(name);

    /// <summary>Called once by the binder: members point back at their model, so they are made after it.</summary>
    internal void SetMembers(IEnumerable<Symbol> members)
    {
        Members = [.. members];
        Points = [.. Members.OfType<PointSymbol>()];
        Attributes = [.. Members.OfType<AttributeSymbol>()];
        var byName = new Dictionary<string, Symbol>(StringComparer.Ordinal);
        foreach (var member in Members)
            byName.TryAdd(member.Name, member);
        _membersByName = byName;
    }
}
