using System.Text;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Releases;
using Dsl.Runtime.Hosting;

namespace Dsl.Daemon.Api;

/// <summary>
/// <c>Jobs.Preview</c>: runs a released version or inline source on recent channel records or on
/// records of the request, in memory with offline semantics (open windows flushed at the end),
/// and returns the outputs. Writes nothing to disk besides the assembly cache.
/// </summary>
internal sealed class PreviewRunner
{
    private const int DefaultLimit = 1000;
    private const int MaxLatest = 10_000;
    private readonly JobRegistry _registry;
    private readonly JobBuilder _builder;
    private readonly ChannelSet _channels;

    public PreviewRunner(JobRegistry registry, JobBuilder builder, ChannelSet channels)
    {
        _registry = registry;
        _builder = builder;
        _channels = channels;
    }

    public PreviewResponse Run(PreviewRequest request)
    {
        var response = new PreviewResponse();
        CompiledVersion version;
        bool owned = false;
        switch (request.JobCase)
        {
            case PreviewRequest.JobOneofCase.Released:
                if (request.Released.Version != 0)
                {
                    throw new RpcException(StatusCode.InvalidArgument, "the daemon previews the online version (version 0) of a released job");
                }

                version = _registry.Online(request.Released.Name);
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
            return Execute(version, request, response);
        }
        finally
        {
            if (owned)
            {
                version.Loaded.Dispose();
            }
        }
    }

    private CompiledVersion BuildInline(InlineSource source, PreviewResponse response)
    {
        string file = string.IsNullOrWhiteSpace(source.File) ? "jobs/preview.stream" : source.File.Replace('\\', '/').TrimStart('/');
        if (file.Contains("..", StringComparison.Ordinal))
        {
            throw new RpcException(StatusCode.InvalidArgument, "the inline file name must be a relative path without '..'");
        }

        BuildResult build = _builder.Build(file, new Dictionary<string, string>(StringComparer.Ordinal) { [file] = source.Text }, "inline", unloadable: true);
        if (build.Job is not { } job)
        {
            var details = new Diagnostics();
            details.Items.AddRange(build.Diagnostics);
            throw new RpcException(StatusCode.InvalidArgument, $"the job does not compile: {build.Message}", [details]);
        }

        response.Warnings.AddRange(build.Diagnostics.Where(d => d.Severity == Severity.Warning));
        return job;
    }

    private PreviewResponse Execute(CompiledVersion version, PreviewRequest request, PreviewResponse response)
    {
        IReadOnlyList<byte[]> lines = request.InputCase switch
        {
            PreviewRequest.InputOneofCase.Records => [.. request.Records.Records.Select(Conversions.ToNdjson)],
            PreviewRequest.InputOneofCase.Ndjson => [.. request.Ndjson.ToByteArray().Split((byte)'\n')],
            PreviewRequest.InputOneofCase.Latest => _channels.Of(version.Manifest.Channel).Recent.Latest((int)Math.Min(request.Latest, MaxLatest)),
            _ => _channels.Of(version.Manifest.Channel).Recent.Latest(DefaultLimit),
        };

        using var output = new MemoryStream();
        var errors = new BoundedErrorLog(100);
        var session = new JobSession(version.Job, output, new JobSessionOptions(ErrorLog: errors, FullErrorsPerReason: 100));
        long number = 0;
        foreach (byte[] line in lines)
        {
            number++;
            if (line.Length > 0)
            {
                session.ProcessLine(line, number);
            }
        }

        session.Complete();
        int limit = request.Limit == 0 ? DefaultLimit : (int)request.Limit;
        foreach (string text in Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (response.Outputs.Count >= limit)
            {
                response.Truncated = true;
                break;
            }

            if (Conversions.FromNdjson(Encoding.UTF8.GetBytes(text)) is { } record)
            {
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
        };
        response.Errors.AddRange(errors.Entries(null, 20));
        return response;
    }
}
