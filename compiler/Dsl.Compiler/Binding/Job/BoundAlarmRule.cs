using System.Collections.Immutable;

namespace Dsl.Compiler.Binding;

/// <summary><c>on CONDITION, … notify "channel", …</c>: any of the conditions notifies every channel.</summary>
public sealed record BoundAlarmRule(ImmutableArray<BoundAlarmCondition> Conditions, ImmutableArray<string> Channels);
