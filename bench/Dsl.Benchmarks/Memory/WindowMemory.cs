using Dsl.Benchmarks.Rules;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;

namespace Dsl.Benchmarks.Memory;

/// <summary>
/// (g) memory per open window key: N assets each open one tumbling window of an aggregate block;
/// the retained heap (GC.GetTotalMemory after a full collection) and the bytes allocated, divided
/// by N. Assets are registered before the first measurement, so only the windows' state counts
/// (including the slack of per-asset arrays that grow by doubling).
/// Target: ≤ 150 bytes for the common aggregates.
/// </summary>
public static class WindowMemory
{
    public static IReadOnlyList<(string Name, string Outputs)> Blocks { get; } =
    [
        ("avg", "PowerAvg10m = avg(ActivePower)"),
        ("avg+max+min+count", "PowerAvg10m = avg(ActivePower)\n  PowerMax10m = max(ActivePower)\n  PowerMin10m = min(ActivePower)\n  Samples10m = count(ActivePower)"),
    ];

    public static (double Retained, double Allocated) Measure(string outputs, int keys)
    {
        string source = RuleJobs.Source(RuleKind.Aggregate);
        int open = source.IndexOf("aggregate WindTurbine", StringComparison.Ordinal);
        source = source[..open] + "aggregate WindTurbine window tumbling 10m {\n  " + outputs + "\n}\n";
        using LoadedJob job = RuleFixture.Compile(source, "bench_memory");

        // Warm the path on a throwaway session, so that JIT and first-use buffers are not counted;
        // the measured session's per-asset arrays grow as its windows open, as they would in a run.
        var warmUp = new JobSession(job.Job, new CountingSink());
        int warmModel = warmUp.Points.TryGetModel("WindTurbine", out int w) ? w : 0;
        warmUp.Assets.GetOrAdd("warm-up", warmModel);
        warmUp.Process(new InputRecord(0, warmUp.Points.Slot("WindTurbine", "ActivePower"), 0, 1, null, 0, true));

        var session = new JobSession(job.Job, new CountingSink());
        int model = session.Points.TryGetModel("WindTurbine", out int m) ? m : 0;
        int point = session.Points.Slot("WindTurbine", "ActivePower");
        for (int a = 0; a < keys; a++)
        {
            session.Assets.GetOrAdd("WTG-" + a.ToString(System.Globalization.CultureInfo.InvariantCulture), model);
        }

        long retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int a = 0; a < keys; a++)
        {
            session.Process(new InputRecord(a, point, 1_768_514_400_000 + a, 100 + (a % 7), null, 0, true));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        GC.KeepAlive(session);
        return ((double)retained / keys, (double)allocated / keys);
    }
}
