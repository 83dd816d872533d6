using Dsl.Compiler.Text;

namespace Dsl.Compiler.Symbols;

/// <summary>One place a symbol's name is written: its declaration or a use.</summary>
public sealed record SymbolReference(SourceText Source, TextSpan Span, bool IsDefinition);
