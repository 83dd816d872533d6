using System.Collections.Immutable;
using Dsl.Compiler.Symbols;

namespace Dsl.Compiler.Binding;

/// <summary>
/// The bound job: everything the planner and the code generator consume. <see cref="Rules"/>
/// are in dependency order (a rule comes after every rule whose outputs it reads; ties in
/// source order). <see cref="Models"/> are all models in scope, own and imported.
/// </summary>
public sealed record BoundJob(
    JobSymbol Symbol,
    BoundJobSettings Settings,
    ImmutableArray<ModelSymbol> Models,
    ImmutableArray<BoundRule> Rules,
    ImmutableArray<BoundAlarmRule> Alarms,
    BoundSchedule? Schedule,
    BoundRuleGraph Graph)
{
    public string Name => Symbol.Name;

    public string? Description => Symbol.Description;
}
