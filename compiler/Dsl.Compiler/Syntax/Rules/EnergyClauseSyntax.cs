using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>One clause of an energy block.</summary>
public abstract record EnergyClauseSyntax(TextSpan Span) : SyntaxNode(Span);
