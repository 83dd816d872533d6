namespace Dsl.Compiler.Binding;

/// <summary>
/// <c>schedule once | every D | daily at HH:MM | cron "…" | on file "glob"</c>:
/// <see cref="Every"/>, <see cref="At"/> or <see cref="Pattern"/> (cron expression or glob) as the kind needs.
/// </summary>
public sealed record BoundSchedule(ScheduleKind Kind, Duration? Every, TimeOnly? At, string? Pattern);
