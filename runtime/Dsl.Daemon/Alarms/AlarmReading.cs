using Dsl.Control.V1;

namespace Dsl.Daemon.Alarms;

/// <summary>What the alarm evaluator last found of one alarm, for <c>Jobs.Get</c>.</summary>
/// <param name="State">Whether its condition held, or was not measured.</param>
/// <param name="Since">When it entered <paramref name="State"/>.</param>
/// <param name="Value">The value measured, as a channel would receive it.</param>
internal sealed record AlarmReading(AlarmState State, DateTimeOffset Since, double Value);
