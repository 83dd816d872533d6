using Dsl.Compiler.Text;

namespace Dsl.Compiler.Syntax;

/// <summary>An aggregate, merge or energy rule; every rule works on one model.</summary>
public abstract record RuleSyntax(TextSpan Span) : DeclarationSyntax(Span)
{
    /// <summary>The model the rule works on.</summary>
    public abstract NameSyntax Model { get; init; }

    /// <summary>The points the rule writes, as its outputs name them.</summary>
    public abstract IEnumerable<NameSyntax> OutputTargets();
}
