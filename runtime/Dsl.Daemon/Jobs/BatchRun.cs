using Dsl.Daemon.Channels;
using Dsl.Runtime.Checkpoints;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Jobs;
using Dsl.Runtime.Records;
using Dsl.Runtime.Sinks;
using Dsl.Runtime.State;

namespace Dsl.Daemon.Jobs;

/// <summary>
/// One run of a scheduled offline job: reads the offline channel from the job's position up to
/// the tail as it was when the run began, then flushes every open window (offline semantics) and
/// commits a checkpoint of the state before the flush, so the next run continues after it with
/// the windows and days its records still add to.
/// </summary>
internal static class BatchRun
{
    /// <summary>
    /// Runs to <paramref name="endAddress"/>; returns the records read, the job's counters as its
    /// state held them when opened and at the end (its checkpoints carry them from run to run, so
    /// they add up over the runs), the checkpoint and the channel address it read to. <paramref name="warned"/> gets what opening the
    /// state warned of (a damaged checkpoint skipped).
    /// </summary>
    public static (long Read, IReadOnlyDictionary<string, long> Opened, IReadOnlyDictionary<string, long> Counters, CheckpointFigures Checkpoint, long Position) Run(
        CompiledJob job,
        string stateDirectory,
        StateStoreOptions store,
        BoundedErrorLog errors,
        Func<JobManifest, PointTable, Runtime.Assets.AssetTable, ICommittableSink> createSink,
        ChannelLog channel,
        long startAddress,
        long endAddress,
        Action<IReadOnlyList<string>> warned,
        IReadOnlyList<Runtime.Assets.AssetMasterData>? assets,
        CancellationToken cancellationToken)
    {
        var session = new JobSessionOptions(assets, ErrorLog: errors, FullErrorsPerReason: int.MaxValue - 2);
        using DurableJobHost host = DurableJobHost.Start(job, new DurableJobOptions(stateDirectory, session, store), createSink);
        warned(host.Warnings);
        long address = channel.ResumeAt(host.Resumed ? host.Position.Offset : startAddress, stateDirectory);
        long records = host.Resumed ? host.Position.Line : 0;

        // The run reads the records from here on again, and logs their errors again.
        errors.ForgetFrom(address);
        long read = 0;
        IReadOnlyDictionary<string, long> opened = host.Session.Counters.ToDictionary();
        host.BeginBatch();
        byte[] origin = ChannelEntry.OriginOf(job.Manifest.Name);
        if (address < endAddress)
        {
            using ChannelReader reader = channel.Read(address);
            while (address < endAddress && reader.GetNext(out byte[] entry, out int length, out long current, out long next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ReadOnlySpan<byte> span = entry.AsSpan(0, length);
                if (!ChannelEntry.Origin(span).SequenceEqual(origin))
                {
                    records++;
                    read++;
                    host.Session.ProcessLine(ChannelEntry.Line(span), current);
                }

                address = next;
            }
        }

        // Before the commit, as a running job's worker does (JobWorker).
        new ErrorLogFile(ErrorLogFile.Beside(stateDirectory)).Save(errors);
        CheckpointInfo checkpoint = host.CompleteBatch(new InputPosition(address, records));
        return (read, opened, host.Session.Counters.ToDictionary(), new CheckpointFigures(DateTimeOffset.UtcNow, checkpoint.Duration, checkpoint.Bytes), checkpoint.Input.Offset);
    }
}
