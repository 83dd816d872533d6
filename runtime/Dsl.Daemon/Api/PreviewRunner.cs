using System.Text;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Releases;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Sinks;

namespace Dsl.Daemon.Api;

/// <summary>
/// <c>Jobs.Preview</c>: runs a released version (the online one, or any release tag compiled from
/// its commit) or inline source on recent channel records or on records of the request, in memory
/// with offline semantics (open windows flushed at the end) and the asset master data of
/// <c>DATA/assets.json</c> as the job's runs take it, and returns the outputs. Writes nothing to
/// disk besides the assembly cache.
/// </summary>
internal sealed class PreviewRunner
{
    private const int DefaultLimit = 1000;
    private const int MaxLatest = 10_000;

    // The response holds the first rejected records: each reason logs that many in full, and the log
    // holds them all, so that no reason's later records push another's first ones out.
    private const int ErrorsReturned = 20;

    // The largest response: the largest message the server sends and gRPC clients take by default (4 MiB).
    private static readonly int MaxResponse = new ControlChannelOptions().MaxReceiveMessageSize;

    // Room kept for the summary and the first rejected records (their records cut to 512 characters).
    private const int SummaryAndErrorsRoom = 64 * 1024;

    // The tag and length prefix of a repeated message field, at most.
    private const int MaxFieldOverhead = 6;

    private readonly JobRegistry _registry;
    private readonly JobBuilder _builder;
    private readonly ChannelSet _channels;
    private readonly ReleaseRepository _repository;

    public PreviewRunner(JobRegistry registry, JobBuilder builder, ChannelSet channels, ReleaseRepository repository)
    {
        _registry = registry;
        _builder = builder;
        _channels = channels;
        _repository = repository;
    }

    /// <exception cref="OperationCanceledException">The caller went away (checked as outputs are made).</exception>
    public PreviewResponse Run(PreviewRequest request, CancellationToken cancellation)
    {
        var response = new PreviewResponse();
        CompiledVersion version;
        bool owned = false;
        switch (request.JobCase)
        {
            case PreviewRequest.JobOneofCase.Released:
                (version, owned) = Released(request.Released);
                break;
            case PreviewRequest.JobOneofCase.Source:
                version = BuildInline(request.Source, response);
                owned = true;
                break;
            default:
                throw new RpcException(StatusCode.InvalidArgument, "name a released job or send inline source");
        }

        try
        {
            return Execute(version, request, response, cancellation);
        }
        finally
        {
            if (owned)
            {
                version.Loaded.Dispose();
            }
        }
    }

    /// <summary>
    /// Version 0 is the online version, the one the job runs (owned by the registry). Version N is
    /// the release tagged <c>JOB/vN</c>: the job file and the models of the tag's commit, compiled as
    /// the daemon compiles a release commit it deploys (owned by the preview).
    /// </summary>
    private (CompiledVersion Version, bool Owned) Released(JobVersionRef reference)
    {
        // NOT_FOUND for an unknown job; past it, the name is a released job's, safe in a ref name.
        // Only version 0 needs the online one: a job whose released version does not compile has none.
        _registry.RequireKnown([reference.Name]);
        if (reference.Version == 0)
        {
            return (_registry.Online(reference.Name), false);
        }

        string commit = _repository.TagCommit(reference.Name, reference.Version)
            ?? throw new RpcException(StatusCode.NotFound, $"job '{reference.Name}' has no version {reference.Version} (no tag {reference.Name}/v{reference.Version})");
        ReleaseSnapshot snapshot = _repository.Read(commit);
        return (Compiled(_builder.Build($"jobs/{reference.Name}.stream", snapshot.Files, snapshot.ShortHash, unloadable: true)), true);
    }

    private CompiledVersion BuildInline(InlineSource source, PreviewResponse response)
    {
        string file = string.IsNullOrWhiteSpace(source.File) ? "jobs/preview.stream" : InlinePath(source.File);
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { [file] = source.Text };
        foreach (ImportedSource imported in source.Imports)
        {
            // A second text under a name would silently replace the first (the job's own, even).
            string path = InlinePath(imported.File);
            if (!files.TryAdd(path, imported.Text))
            {
                throw new RpcException(StatusCode.InvalidArgument, $"the inline file '{path}' is sent twice; send each file once");
            }
        }

        BuildResult build = _builder.Build(file, files, "inline", unloadable: true, anyJobName: true);
        CompiledVersion job = Compiled(build);
        response.Warnings.AddRange(build.Diagnostics.Where(d => d.Severity == Severity.Warning));
        return job;
    }

    /// <summary>An inline file's path as the build names it; INVALID_ARGUMENT for one that could leave the tree.</summary>
    private static string InlinePath(string written)
    {
        // The build looks imports up by their plain path: a "." folder or an empty one (a doubled
        // slash) would leave a file sent under such a spelling unfound, or let it pass for a second file.
        string[] folders = [.. written.Replace('\\', '/').Split('/').Where(part => part.Length > 0 && part != ".")];
        string file = string.Join('/', folders);

        // A ".." folder could leave the tree ("meter..v2.stream" cannot). A control character (NUL
        // above all) is no part of a path: the build would fail on it.
        if (file.Length == 0 || folders.Contains("..") || file.Any(char.IsControl))
        {
            throw new RpcException(StatusCode.InvalidArgument, "the inline file name must be a relative path without '..' or control characters");
        }

        return file;
    }

    /// <summary>The compiled job; INVALID_ARGUMENT with the diagnostics when there is none.</summary>
    private static CompiledVersion Compiled(BuildResult build)
    {
        if (build.Job is not { } job)
        {
            var details = new Diagnostics();
            details.Items.AddRange(build.Diagnostics);
            throw new RpcException(StatusCode.InvalidArgument, $"the job does not compile: {build.Message}", [details]);
        }

        return job;
    }

    private PreviewResponse Execute(CompiledVersion version, PreviewRequest request, PreviewResponse response, CancellationToken cancellation)
    {
        IReadOnlyList<byte[]> lines = request.InputCase switch
        {
            PreviewRequest.InputOneofCase.Records => [],
            PreviewRequest.InputOneofCase.Ndjson => [.. request.Ndjson.ToByteArray().Split((byte)'\n')],
            PreviewRequest.InputOneofCase.Latest => _channels.Of(version.Manifest.Channel).Recent.Latest((int)Math.Min(request.Latest, MaxLatest), except: version.Manifest.Name),
            _ => _channels.Of(version.Manifest.Channel).Recent.Latest(DefaultLimit, except: version.Manifest.Name),
        };

        IReadOnlyList<AssetMasterData>? assets;
        try
        {
            assets = _registry.MasterData(version.Manifest);
        }
        catch (AssetMasterDataException e)
        {
            // The job's own start would fail on it: a preview without it would show outputs the job never writes.
            throw new RpcException(StatusCode.FailedPrecondition, e.Message);
        }

        int limit = request.Limit == 0 ? DefaultLimit : (int)Math.Min(request.Limit, int.MaxValue);
        using var output = new PreviewOutput(limit, cancellation);
        var errors = new BoundedErrorLog(ErrorsReturned * (Enum.GetValues<RecordError>().Length + 1));
        var session = new JobSession(version.Job, output, new JobSessionOptions(assets, ErrorLog: errors, FullErrorsPerReason: ErrorsReturned));
        long number = 0;
        try
        {
            foreach (byte[] line in lines)
            {
                cancellation.ThrowIfCancellationRequested();
                number++;
                if (line.Length > 0)
                {
                    session.ProcessLine(line, number);
                }
            }

            if (request.InputCase == PreviewRequest.InputOneofCase.Records)
            {
                ProcessRecords(session, request.Records, errors, ref number);
            }

            number = 0;
            session.Complete();
        }
        catch (PreviewTooLargeException)
        {
            string where = number == 0 ? "at the end of the input" : $"at record {number} of the input";
            throw new RpcException(StatusCode.ResourceExhausted,
                $"the preview stopped after {PreviewOutput.Ceiling:N0} outputs, {where}: {PreviewOutput.Cause}; preview fewer records, or look at their times");
        }

        response.Truncated = output.Lines > limit;
        ReadOnlySpan<byte> kept = output.Kept;

        // A response past the largest message the server sends would fail as a whole: the outputs
        // that would not fit are left out as those beyond the limit are (the summary counts them).
        long room = MaxResponse - SummaryAndErrorsRoom - response.CalculateSize();
        foreach (Range line in kept.Split((byte)'\n'))
        {
            if (!kept[line].IsEmpty && Conversions.FromNdjson(kept[line]) is { } record)
            {
                room -= record.CalculateSize() + MaxFieldOverhead;
                if (room < 0)
                {
                    response.Truncated = true;
                    break;
                }

                response.Outputs.Add(record);
            }
        }

        RunCounters counters = session.Counters;
        response.Summary = new PreviewSummary
        {
            RecordsIn = (ulong)counters[Counter.RecordsRead],
            RecordsOut = (ulong)counters[Counter.Outputs],
            Late = (ulong)counters[Counter.Late],
            Invalid = (ulong)counters[Counter.Errors],
            Ignored = (ulong)counters[Counter.Ignored],
            InvalidValues = (ulong)(counters[Counter.Invalid] + counters[Counter.InvalidResults]),
            SkippedMissing = (ulong)counters[Counter.SkippedMissing],
            SkippedAttribute = (ulong)counters[Counter.SkippedAttribute],
            DiscardedSteps = (ulong)counters[Counter.DiscardedSteps],
        };
        // The first rejected records, as dsl preview prints them (a limit would keep the newest).
        response.Errors.AddRange(errors.Entries(null, 0).Take(ErrorsReturned));
        return response;
    }

    /// <summary>
    /// Runs structured records as their NDJSON lines. One that has no line (a number value that is NaN
    /// or infinite) is refused before the job reads it, as ingest refuses it, and counted and logged
    /// as the job counts a record it rejects. <paramref name="number"/> is the current record's, from 1.
    /// </summary>
    private static void ProcessRecords(JobSession session, RecordBatch records, BoundedErrorLog errors, ref long number)
    {
        var refusals = new ErrorLog(session.Counters, errors, ErrorsReturned);
        foreach (Record record in records.Records)
        {
            number++;
            if (LineCheck.Check(record) is { } problem)
            {
                session.Counters.Increment(Counter.RecordsRead);
                RecordError reason = Enum.GetValues<RecordError>().First(r => RunCounters.Name(r) == problem.Reason);
                refusals.Report(number, reason, problem.Detail, Encoding.UTF8.GetBytes(Conversions.ToText(record)));
            }
            else
            {
                session.ProcessLine(Conversions.ToNdjson(record), number);
            }
        }
    }
}
