using System.Text;
using System.Text.Json;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Google.Protobuf.WellKnownTypes;
using Record = Dsl.Control.V1.Record;

namespace Dsl.Control.Tests.Infrastructure;

/// <summary>
/// Simple in-memory handlers for some rpcs of control.proto, registered through the public API
/// the daemon uses. Special job names steer them: "slow" waits for cancellation, "stubborn"
/// ignores it, "crash" throws, "forever" keeps a stream open, "flood" writes until dropped, "dropped" writes and then drops its client.
/// </summary>
internal sealed class InMemoryServices
{
    public static readonly Method<IngestRequest, IngestResponse> Echo =
        new("dsl.test.Echo/Chat", MethodKind.DuplexStreaming, Role.Viewer);

    private static readonly string[] _jobs = ["energy", "power"];

    /// <summary>Completes when the "stubborn" handler has started.</summary>
    public TaskCompletionSource StubbornRunning { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the "stubborn" handler return (it gives up waiting after 30 s).</summary>
    public ManualResetEventSlim StubbornRelease { get; } = new();

    /// <summary>Completes when the "stubborn" handler has returned.</summary>
    public TaskCompletionSource StubbornReturned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the "slow" handler saw its cancellation token fire.</summary>
    public TaskCompletionSource SlowCallCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the "forever" stream has sent its message and waits.</summary>
    public TaskCompletionSource StreamOpened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the "forever" stream saw its cancellation token fire.</summary>
    public TaskCompletionSource StreamCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the "dropped" stream's handler has thrown <see cref="StreamDroppedException"/>.</summary>
    public TaskCompletionSource DropThrown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the number of messages queued when a "flood" stream was dropped, and the longest TryWrite.</summary>
    public TaskCompletionSource<(int Written, TimeSpan LongestWrite)> FloodDropped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The deadline the last Status call saw.</summary>
    public DateTimeOffset? LastDeadline { get; private set; }

    public void Register(ControlServer server)
    {
        server.MapUnary(JobsApi.List, List);
        server.MapUnary(JobsApi.Status, StatusAsync);
        server.MapUnary(JobsApi.Preview, Preview);
        server.MapUnary(ReleasesApi.Lock, Lock);
        server.MapServerStreaming(JobsApi.Watch, WatchAsync);
        server.MapServerStreaming(OutputsApi.WatchOutputs, WatchOutputsAsync);
        server.MapClientStreaming(IngestApi.Ingest, IngestAsync);
        server.MapDuplexStreaming(Echo, EchoAsync);
    }

    private static Task<ListJobsResponse> List(ListJobsRequest request, ServerCallContext context)
    {
        var response = new ListJobsResponse();
        foreach (var name in _jobs)
        {
            response.Jobs.Add(new JobSummary { Name = name, Status = JobStatus.Running, Version = 3, Channel = Channel.Realtime });
        }

        return Task.FromResult(response);
    }

    private async Task<StatusResponse> StatusAsync(StatusRequest request, ServerCallContext context)
    {
        LastDeadline = context.Deadline;
        switch (request.Names.FirstOrDefault())
        {
            case "slow":
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    SlowCallCancelled.TrySetResult();
                    throw;
                }

                break;
            case "stubborn":
                // Ignores cancellation on purpose, blocking its thread until the test lets it go.
                StubbornRunning.TrySetResult();
                StubbornRelease.Wait(TimeSpan.FromSeconds(30));
                StubbornReturned.TrySetResult();
                break;
            case "crash":
                throw new InvalidOperationException("connection string Server=secret;Password=hunter2");
            case "unknown":
                throw new RpcException(StatusCode.NotFound, "No job named 'unknown'.");
            case { Length: > 1000 } name:
                throw new RpcException(StatusCode.NotFound, $"No job named '{name}'.");
            case "unicode":
                throw new RpcException(StatusCode.FailedPrecondition, "Job 'Wärme 100%' is paused ⏸ since 02:00.");
        }

        var response = new StatusResponse();
        response.Jobs.Add(new JobSummary { Name = "power", Status = JobStatus.Paused, StatusSince = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) });
        return response;
    }

    private static Task<PreviewResponse> Preview(PreviewRequest request, ServerCallContext context)
    {
        if (request.JobCase == PreviewRequest.JobOneofCase.Source && request.Source.Text.StartsWith("errors ", StringComparison.Ordinal))
        {
            // "errors N": N diagnostics, one a line.
            var many = new Diagnostics();
            int count = int.Parse(request.Source.Text["errors ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            for (int line = 1; line <= count; line++)
            {
                many.Items.Add(new Diagnostic
                {
                    File = request.Source.File,
                    Line = (uint)line,
                    Column = 12,
                    EndLine = (uint)line,
                    EndColumn = 22,
                    Severity = Severity.Error,
                    Code = "DSL2001",
                    Message = $"Unknown type 'nosuchtype' in model M{line}.",
                });
            }

            throw new RpcException(StatusCode.InvalidArgument, $"{request.Source.File} does not compile: {count} errors.", [many]);
        }

        if (request.JobCase == PreviewRequest.JobOneofCase.Source && request.Source.Text.Contains("error", StringComparison.Ordinal))
        {
            var diagnostics = new Diagnostics();
            diagnostics.Items.Add(new Diagnostic
            {
                File = request.Source.File,
                Line = 1,
                Column = 11,
                EndLine = 1,
                EndColumn = 16,
                Severity = Severity.Error,
                Code = "DSL1001",
                Message = "Expected a declaration.",
            });
            throw new RpcException(StatusCode.InvalidArgument, $"{request.Source.File} does not compile.", [diagnostics]);
        }

        var response = new PreviewResponse { Summary = new PreviewSummary { RecordsIn = request.Latest } };
        return Task.FromResult(response);
    }

    private static Task<LockResponse> Lock(LockRequest request, ServerCallContext context) =>
        Task.FromResult(new LockResponse { Lock = new LockInfo { Job = request.Job, Holder = context.Caller.Name, Hard = request.Hard } });

    private async Task WatchAsync(WatchRequest request, IServerStreamWriter<JobStatusEvent> responses, ServerCallContext context)
    {
        foreach (var name in request.Names)
        {
            if (name == "fail")
            {
                throw new RpcException(StatusCode.NotFound, "No job named 'fail'.");
            }

            await responses.WriteAsync(new JobStatusEvent { Name = name, Previous = JobStatus.Paused, Current = JobStatus.Running }, context.CancellationToken);
            if (name == "forever")
            {
                StreamOpened.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    StreamCancelled.TrySetResult();
                    throw;
                }
            }
        }
    }

    private async Task WatchOutputsAsync(WatchOutputsRequest request, IServerStreamWriter<OutputRecord> responses, ServerCallContext context)
    {
        if (request.Jobs.FirstOrDefault() == "dropped")
        {
            // A handler that drops its client (as the daemon's output hub does when a backlog
            // overflows) after writing more than the client has read.
            var big = new OutputRecord { Job = "dropped", Record = new Record { AssetId = new string('a', 1000) } };
            for (int i = 0; i < 50; i++)
            {
                await responses.WriteAsync(big);
            }

            DropThrown.TrySetResult();
            throw new StreamDroppedException("the client fell behind");
        }

        if (request.Jobs.FirstOrDefault() != "flood")
        {
            responses.TryWrite(new OutputRecord { Job = "power", Channel = request.Channel, Position = 1 });
            return;
        }

        // A steady producer that never waits on the client: it must learn of a stuck client from
        // TryWrite alone, and TryWrite must stay fast.
        var record = new OutputRecord { Job = "flood", Record = new Record { AssetId = new string('a', 1000) } };
        var longest = TimeSpan.Zero;
        for (int written = 0; written < 100_000; written++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            bool accepted = responses.TryWrite(record);
            var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            longest = took > longest ? took : longest;
            if (!accepted)
            {
                FloodDropped.TrySetResult((written, longest));
                return;
            }

            if (written % 10 == 9)
            {
                await Task.Delay(1, CancellationToken.None);
            }
        }
    }

    private static async Task<IngestResponse> IngestAsync(IAsyncEnumerable<IngestRequest> requests, ServerCallContext context)
    {
        var response = new IngestResponse();
        var pending = new StringBuilder();
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            if (request.PayloadCase == IngestRequest.PayloadOneofCase.Ndjson)
            {
                pending.Append(request.Ndjson.ToStringUtf8());
                var text = pending.ToString();
                int lastNewline = text.LastIndexOf('\n');
                if (lastNewline >= 0)
                {
                    foreach (var line in text[..lastNewline].Split('\n'))
                    {
                        Count(response, line);
                    }

                    pending.Clear().Append(text[(lastNewline + 1)..]);
                }
            }
            else
            {
                foreach (var record in request.Records.Records)
                {
                    Count(response, record.AssetId.Length > 0 ? "{}" : "missing");
                }
            }
        }

        if (pending.Length > 0)
        {
            Count(response, pending.ToString());
        }

        return response;
    }

    private static async Task EchoAsync(IAsyncEnumerable<IngestRequest> requests, IServerStreamWriter<IngestResponse> responses, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
        {
            await responses.WriteAsync(new IngestResponse { Accepted = (ulong)request.Ndjson.Length }, context.CancellationToken);
        }
    }

    private static void Count(IngestResponse response, string line)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            response.Accepted++;
        }
        catch (JsonException e)
        {
            response.Rejected++;
            response.Rejections.Add(new IngestRejection { Number = response.Accepted + response.Rejected, Reason = "malformed_json", Detail = e.Message });
        }
    }
}
