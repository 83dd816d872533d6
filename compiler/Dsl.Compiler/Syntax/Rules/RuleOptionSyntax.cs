using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>An option written after a rule header (lateness, emit, stamp, hold).</summary>
public abstract record RuleOptionSyntax(TextSpan Span) : SyntaxNode(Span);
