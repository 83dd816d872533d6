using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>A region of a file where the names of one model are in scope: a rule (with its kind) or a model declaration (no kind).</summary>
internal sealed record RuleScope(SourceText Source, TextSpan Span, ModelSymbol Model, RuleKind? Kind);
