namespace Dsl.Compiler.Binding;

/// <summary>When an offline job runs.</summary>
public enum ScheduleKind
{
    Once,
    Every,
    Daily,
    Cron,
    OnFile,
}
