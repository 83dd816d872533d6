using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>
/// A named entity of a job: the job itself, a model, a point, an attribute or a built-in
/// function. Symbols have reference identity (a point knows its model and the model its
/// points), which is why they are classes rather than records; they do not change once the
/// binder has built them.
/// </summary>
public abstract class Symbol
{
    private protected Symbol(string name, SourceText? source, TextSpan nameSpan, TextSpan declarationSpan)
    {
        Name = name;
        Source = source;
        NameSpan = nameSpan;
        DeclarationSpan = declarationSpan;
    }

    public abstract SymbolKind Kind { get; }

    public string Name { get; }

    /// <summary>The file that declares the symbol; null for built-in functions.</summary>
    public SourceText? Source { get; }

    /// <summary>The span of the declaring name in <see cref="Source"/> (empty for built-ins).</summary>
    public TextSpan NameSpan { get; }

    /// <summary>The span of the whole declaration (a model with its body, a point's line), for document outlines.</summary>
    public TextSpan DeclarationSpan { get; }

    public bool IsBuiltIn => Source is null;

    public override string ToString() => Name;
}
