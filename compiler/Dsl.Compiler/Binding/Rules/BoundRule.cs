using System.Collections.Immutable;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>
/// A bound rule: what the code generator needs, fully resolved. <see cref="Source"/> and
/// <see cref="Span"/> locate the rule for messages and manifests; <see cref="Ordinal"/> is
/// its position among the job's rules in source order (a stable identity within a version).
/// </summary>
public abstract record BoundRule(ModelSymbol Model, int Ordinal, SourceText Source, TextSpan Span)
{
    public abstract RuleKind Kind { get; }

    /// <summary>The points the rule writes, in source order.</summary>
    public abstract ImmutableArray<PointSymbol> WrittenPoints { get; }

    /// <summary>The points the rule reads (its inputs, the merge trigger included), in first-use order.</summary>
    public abstract ImmutableArray<PointSymbol> ReadPoints { get; }

    /// <summary>The one-based line of the rule's first keyword.</summary>
    public int Line => Source.GetLinePosition(Span.Start).Line + 1;

    /// <summary>e.g. <c>merge WindTurbine (line 12)</c>.</summary>
    public string DisplayName => $"{Kind.ToString().ToLowerInvariant()} {Model.Name} (line {Line})";
}
