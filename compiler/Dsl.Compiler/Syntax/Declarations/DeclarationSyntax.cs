using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>A top-level declaration of a file.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);
