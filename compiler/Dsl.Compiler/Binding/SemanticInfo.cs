using System.Collections.Immutable;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>What the binder learned about the syntax, kept for the editor's queries.</summary>
internal sealed class SemanticInfo
{
    public List<(Symbol Symbol, SymbolReference Reference)> References { get; } = [];

    public Dictionary<ExpressionSyntax, DataType> ExpressionTypes { get; } = new(ReferenceEqualityComparer.Instance);

    public List<RuleScope> Scopes { get; } = [];

    public List<Symbol> DeclaredSymbols { get; } = [];

    public ImmutableArray<ModelSymbol> Models { get; set; } = ImmutableArray<ModelSymbol>.Empty;
}
