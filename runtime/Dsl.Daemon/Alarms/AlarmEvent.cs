using Dsl.Control.V1;

namespace Dsl.Daemon.Alarms;

/// <summary>An alarm that went off: the job, the condition as written, the measured value and when.</summary>
public sealed record AlarmEvent(string Job, string Condition, double Value, JobStatus Status, DateTimeOffset Time);
