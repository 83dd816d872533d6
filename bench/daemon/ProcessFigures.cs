using System.Diagnostics;

namespace Dsl.Daemon.Bench;

/// <summary>
/// What this process spent over a phase: CPU time, allocations, garbage collections and their
/// pauses, and thread-pool work items (each one a hop from one thread to another somewhere in
/// HttpClient, Kestrel or the wire layer).
/// </summary>
internal sealed class ProcessFigures
{
    private readonly TimeSpan _cpu;
    private readonly long _workItems;
    private readonly long _allocated;
    private readonly int[] _collections = new int[3];
    private readonly TimeSpan _paused;
    private readonly long _started;

    private ProcessFigures()
    {
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _workItems = ThreadPool.CompletedWorkItemCount;
        _allocated = GC.GetTotalAllocatedBytes();
        for (int g = 0; g < 3; g++)
        {
            _collections[g] = GC.CollectionCount(g);
        }

        _paused = GC.GetTotalPauseDuration();
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts counting now.</summary>
    public static ProcessFigures Start() => new();

    public string Describe(long calls)
    {
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalMilliseconds;
        double wallMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
        return $"{cpuMs / calls * 1000:F0} us CPU per call ({cpuMs / wallMs:F2} of {Environment.ProcessorCount} cores busy), "
            + $"{(double)(ThreadPool.CompletedWorkItemCount - _workItems) / calls:F1} thread-pool items and "
            + $"{(GC.GetTotalAllocatedBytes() - _allocated) / calls / 1024.0:F1} KB allocated per call, {ThreadPool.ThreadCount} pool threads, "
            + $"GCs {GC.CollectionCount(0) - _collections[0]}/{GC.CollectionCount(1) - _collections[1]}/{GC.CollectionCount(2) - _collections[2]} (gen0/1/2) "
            + $"pausing {(GC.GetTotalPauseDuration() - _paused).TotalMilliseconds:F0} ms in all";
    }
}
