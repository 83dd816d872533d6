using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>What makes a merge evaluate: <c>on P</c> or <c>every D</c>.</summary>
public abstract record MergeTriggerSyntax(TextSpan Span) : SyntaxNode(Span);
