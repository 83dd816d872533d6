namespace Dsl.Compiler.Binding;

/// <summary>
/// The job's settings with their defaults applied: channel realtime, time zone "UTC",
/// lateness 0s, idle 10m. <see cref="HasTimeZone"/> says whether the job set one.
/// </summary>
public sealed record BoundJobSettings(JobChannel Channel, string TimeZone, bool HasTimeZone, Duration Lateness, Duration Idle)
{
    public static BoundJobSettings Default { get; } =
        new(JobChannel.Realtime, "UTC", false, Duration.Zero, new Duration(10, Syntax.DurationUnit.Minutes, false));
}
