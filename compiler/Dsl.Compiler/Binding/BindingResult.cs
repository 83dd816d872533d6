using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>Everything one run of the binder produces for a compilation.</summary>
internal sealed record BindingResult(
    IReadOnlyList<SyntaxTree> ImportedTrees,
    BoundJob? Job,
    IReadOnlyList<Diagnostic> Diagnostics,
    SemanticInfo Semantic);
