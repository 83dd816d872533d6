using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>The job a file declares with its <c>job NAME "description"</c> line.</summary>
public sealed class JobSymbol : Symbol
{
    internal JobSymbol(string name, string? description, SourceText source, TextSpan nameSpan, TextSpan declarationSpan)
        : base(name, source, nameSpan, declarationSpan) => Description = description;

    public override SymbolKind Kind => SymbolKind.Job;

    public string? Description { get; }
}
