using Dsl.Compiler;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.LanguageServer.Analysis;

/// <summary>The symbol under the cursor, the compilation that resolved it and the span of the name there.</summary>
public sealed record SymbolAtPosition(Symbol Symbol, Compilation Compilation, TextSpan NameSpan);
