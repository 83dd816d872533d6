using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Planning;

namespace Dsl.Compiler.Emit;

/// <summary>
/// The outcome of <see cref="Compilation.Emit"/>: on success the plan, the generated C# and the
/// job assembly; otherwise the diagnostics that stopped it.
/// </summary>
public sealed record EmitResult(ImmutableArray<Diagnostic> Diagnostics, JobPlan? Plan, string? GeneratedSource, byte[]? Assembly)
{
    public bool Success => Assembly is not null;

    /// <summary>True when the assembly came from the cache instead of Roslyn.</summary>
    public bool FromCache { get; init; }
}
