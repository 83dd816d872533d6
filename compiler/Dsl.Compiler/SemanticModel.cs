using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler;

/// <summary>
/// What the binder knows about the source, asked by position: the language server's view of a
/// compilation. Covers the compiled file and every file it imports. A source is matched by
/// instance, or else by path, so an editor's own copy of an imported file also works.
/// </summary>
public sealed class SemanticModel
{
    private readonly SemanticInfo _info;

    internal SemanticModel(Compilation compilation, SemanticInfo info)
    {
        Compilation = compilation;
        _info = info;
    }

    public Compilation Compilation { get; }

    /// <summary>The job, models, points and attributes declared in the file and its imports, in declaration order.</summary>
    public IReadOnlyList<Symbol> AllDeclaredSymbols => _info.DeclaredSymbols;

    /// <summary>The models in scope: those of the file and of its imports.</summary>
    public ImmutableArray<ModelSymbol> Models => _info.Models;

    /// <summary>
    /// The symbol whose name is at <paramref name="position"/>: a declaration or a reference
    /// (a model, point, attribute, the job, or a built-in function). A position just after a
    /// name counts, as where an editor cursor sits.
    /// </summary>
    public Symbol? GetSymbolAt(SourceText source, int position)
    {
        Symbol? touching = null;
        foreach (var (symbol, reference) in _info.References)
        {
            if (!IsSame(reference.Source, source))
                continue;
            if (reference.Span.Contains(position))
                return symbol;
            if (touching is null && reference.Span.ContainsOrTouches(position))
                touching = symbol;
        }
        return touching;
    }

    /// <summary>Every place <paramref name="symbol"/> is declared or used, across imported files, in file and position order; enough to rename it.</summary>
    public ImmutableArray<SymbolReference> FindReferences(Symbol symbol) =>
    [
        .. _info.References
            .Where(r => ReferenceEquals(r.Symbol, symbol))
            .Select(r => r.Reference)
            .Distinct()
            .OrderBy(r => r.Source.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start),
    ];

    /// <summary>The model of the rule (or model declaration) around <paramref name="position"/>, or null outside one.</summary>
    public ModelSymbol? GetModelInScope(SourceText source, int position) => FindScope(source, position)?.Model;

    /// <summary>
    /// What can be named at <paramref name="position"/>, for completion: inside a rule, the
    /// points and attributes of its model and the functions that rule kind allows; elsewhere,
    /// the models in scope.
    /// </summary>
    public IEnumerable<Symbol> GetVisibleSymbols(SourceText source, int position)
    {
        var scope = FindScope(source, position);
        if (scope?.Kind is not { } kind)
            return Models;

        IEnumerable<Symbol> functions = kind switch
        {
            RuleKind.Merge => BuiltinFunctions.Scalar.Concat(BuiltinFunctions.History).Concat(BuiltinFunctions.Time),
            RuleKind.Aggregate => BuiltinFunctions.Aggregate.Concat(BuiltinFunctions.Scalar).Concat(BuiltinFunctions.Time),
            _ => BuiltinFunctions.Scalar,
        };
        return scope.Model.Members.Concat(functions).Append(scope.Model);
    }

    /// <summary>The static type of a bound expression, or null when the binder did not see it (e.g. inside a rule of an unknown model).</summary>
    public DataType? GetType(ExpressionSyntax expression) =>
        _info.ExpressionTypes.TryGetValue(expression, out var type) ? type : null;

    private RuleScope? FindScope(SourceText source, int position)
    {
        RuleScope? best = null;
        foreach (var scope in _info.Scopes)
        {
            if (IsSame(scope.Source, source) && scope.Span.ContainsOrTouches(position) && (best is null || scope.Span.Length < best.Span.Length))
                best = scope;
        }
        return best;
    }

    private static bool IsSame(SourceText a, SourceText b) =>
        ReferenceEquals(a, b) || string.Equals(ImportLoader.FullPathOf(a), ImportLoader.FullPathOf(b), StringComparison.Ordinal);
}
