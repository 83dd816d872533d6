using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Planning;

/// <summary>
/// One operator instance: a unit of state with a name that is stable across versions of the
/// job and a fingerprint of its state layout (a new version keeps an operator's state only
/// where the fingerprints match).
/// </summary>
public abstract record OperatorPlan(string Name, BoundRule Rule, ImmutableArray<PointSymbol> Inputs)
{
    /// <summary>The runtime's operator kind: window, session, merge or energy.</summary>
    public abstract string Kind { get; }

    /// <summary>A canonical description of the state layout; what the fingerprint hashes.</summary>
    public abstract string StateSchema { get; }

    public string Fingerprint => Fingerprints.Of(Kind + "|" + StateSchema);
}
