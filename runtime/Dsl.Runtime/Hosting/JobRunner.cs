using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Hosting;

/// <summary>The offline run of <c>dsl run</c>: NDJSON in, NDJSON out, everything open flushed at the end.</summary>
public static class JobRunner
{
    public static RunCounters Run(CompiledJob job, Stream input, Stream output, JobSessionOptions? options = null)
    {
        var session = new JobSession(job, output, options);
        // Offline, nothing else observes the session while it runs, so parsing can overlap processing.
        session.ProcessInputPipelined(input);
        session.Complete();
        return session.Counters;
    }
}
