using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;

namespace Dsl.Runtime.Tests.HandWrittenJobs;

/// <summary>A job with one point of every type that only records what reaches it; for reader tests.</summary>
public sealed class RecordingJob : CompiledJob
{
    public const int Temperature = 0;
    public const int Counter = 1;
    public const int Mode = 2;
    public const int Running = 3;
    public const int Label = 4;
    public const int Summary = 5;

    public static JobManifest StaticManifest { get; } = new(
        "recording",
        "abc1234",
        JobChannel.Offline,
        "UTC",
        0,
        600_000,
        [new ModelManifest("Device", [])],
        [
            new PointManifest("Device", "Temperature", PointKind.Ai, PointValueType.Double, "°C", ValueInterval.Closed(-50, 150), true, false),
            new PointManifest("Device", "Counter", PointKind.Pi, PointValueType.Long, null, null, true, false),
            new PointManifest("Device", "Mode", PointKind.Di, PointValueType.Int, null, null, true, false),
            new PointManifest("Device", "Running", PointKind.Di, PointValueType.Bool, null, null, true, false),
            new PointManifest("Device", "Label", PointKind.Generic, PointValueType.String, null, null, true, false),
            new PointManifest("Device", "Summary", PointKind.Ai, PointValueType.Double, null, null, false, true),
        ],
        []);

    public List<InputRecord> Received { get; } = [];

    public override JobManifest Manifest => StaticManifest;

    public override JobInstance CreateInstance(JobContext context) => new Instance(context, Received);

    private sealed class Instance(JobContext context, List<InputRecord> received) : JobInstance(context)
    {
        protected override void Dispatch(in InputRecord record) => received.Add(record);
    }
}
