using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>An expression.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);
