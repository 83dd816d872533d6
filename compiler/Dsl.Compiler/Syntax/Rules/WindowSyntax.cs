using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>The window of an aggregate rule.</summary>
public abstract record WindowSyntax(TextSpan Span) : SyntaxNode(Span);
