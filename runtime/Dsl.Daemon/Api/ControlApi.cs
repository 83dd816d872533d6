using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Api;

/// <summary>Registers the daemon's rpcs and HTTP routes on the control server.</summary>
internal sealed class ControlApi
{
    // The HTTP answer names every field, zero counts and an empty list of refusals too, so a
    // client need not know protobuf's JSON mapping leaves defaults out.
    private static readonly Google.Protobuf.JsonFormatter _httpAnswer = new(Google.Protobuf.JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    // grpc-js (node's http2) cancels a call by half-closing its stream and resetting it right
    // after (RST_STREAM CANCEL), in the same write or the next: a stream that ends with text after
    // its last newline waits this long for such a reset before that text is its final line, so
    // that a line the cancel cut short is not judged as the client's. Only such a stream waits.
    private static readonly TimeSpan _cancelAfterHalfClose = TimeSpan.FromMilliseconds(250);
    private readonly JobRegistry _registry;
    private readonly AlarmEvaluator _alarms;
    private readonly ChannelSet _channels;
    private readonly PreviewRunner _preview;
    private readonly IngestTotals _totals;
    private readonly FutureLimit _future;
    private readonly ILogger _log;

    public ControlApi(JobRegistry registry, AlarmEvaluator alarms, ChannelSet channels, PreviewRunner preview, IngestTotals totals, FutureLimit future, ILogger log)
    {
        _registry = registry;
        _alarms = alarms;
        _channels = channels;
        _preview = preview;
        _totals = totals;
        _future = future;
        _log = log;
    }

    public void Map(ControlServer server)
    {
        server.MapUnary(JobsApi.List, (request, _) =>
        {
            foreach (JobStatus status in request.Statuses)
            {
                EnumArgument.Chosen(status, "statuses");
            }

            return Task.FromResult(new ListJobsResponse { Jobs = { _registry.List(request.Statuses) } });
        });
        server.MapUnary(JobsApi.Get, (request, _) => Task.FromResult(new GetJobResponse { Job = _registry.Get(request.Name, _alarms) }));
        server.MapUnary(JobsApi.Start, (request, context) => _registry.StartAsync(request.Names, context.CancellationToken));
        server.MapUnary(JobsApi.Pause, (request, context) => _registry.PauseAsync(request.Names, context.CancellationToken));
        server.MapUnary(JobsApi.Stop, (request, context) => _registry.StopAsync(request.Names, context.CancellationToken));
        server.MapUnary(JobsApi.Preview, (request, context) => Task.Run(() => _preview.Run(request, context.CancellationToken), context.CancellationToken));
        server.MapUnary(JobsApi.Status, (request, _) => Task.FromResult(new StatusResponse { Jobs = { _registry.Statuses(request.Names) } }));
        server.MapServerStreaming(JobsApi.Watch, (request, responses, context) =>
        {
            _registry.RequireKnown(request.Names);
            return _registry.Changes.WatchAsync(request, () => request.IncludeCurrent ? _registry.CurrentEvents(request.Names) : [], responses, context.CancellationToken);
        });
        server.MapUnary(JobsApi.Logs, (request, _) => Task.FromResult(_registry.Logs(request)));
        server.MapUnary(JobsApi.Metrics, (request, _) => Task.FromResult(new MetricsResponse { Jobs = { _registry.Metrics(request.Names) } }));
        server.MapClientStreaming(IngestApi.Ingest, IngestAsync);
        server.MapServerStreaming(OutputsApi.WatchOutputs, (request, responses, context) =>
        {
            if (request.Channel is not (Channel.Realtime or Channel.Offline))
            {
                throw new RpcException(StatusCode.InvalidArgument, request.Channel == Channel.Unspecified
                    ? "channel is required (CHANNEL_REALTIME or CHANNEL_OFFLINE)"
                    : $"channel {(int)request.Channel} is not a channel (CHANNEL_REALTIME or CHANNEL_OFFLINE)");
            }

            // As Jobs.Watch: a watch of a job that does not exist would wait for nothing, forever;
            // so would one of a job that writes its outputs to the other channel (a job whose version
            // does not compile has no known channel: its watch waits for the version that mends it).
            _registry.RequireKnown(request.Jobs);
            if (request.Jobs.Count > 0 && _registry.Statuses(request.Jobs).FirstOrDefault(j => j.Channel != Channel.Unspecified && j.Channel != request.Channel) is { } other)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"job '{other.Name}' writes its outputs to the {ChannelOf(other.Channel).Name} channel, not the {ChannelOf(request.Channel).Name} one");
            }

            return _registry.Outputs.WatchAsync(request, responses, context.CancellationToken);
        });
        server.MapHttp("/ingest", Role.Operator, HttpIngestAsync);
        server.MapHttp("/metrics", Role.Viewer, http =>
        {
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            return http.Response.WriteAsync(PrometheusText.Render(_registry.Metrics([]), _totals), http.RequestAborted);
        });
    }

    private async Task<IngestResponse> IngestAsync(IAsyncEnumerable<IngestRequest> requests, ServerCallContext context)
    {
        try
        {
            return await WriteIngestAsync(requests, context).ConfigureAwait(false);
        }
        catch (ChannelFailedException e)
        {
            throw new RpcException(StatusCode.Unavailable, e.Message);
        }
    }

    private async Task<IngestResponse> WriteIngestAsync(IAsyncEnumerable<IngestRequest> requests, ServerCallContext context)
    {
        ChannelWriter? writer = null;
        Channel channel = Channel.Unspecified;
        bool counted = false;
        try
        {
            await foreach (IngestRequest request in requests.WithCancellation(context.CancellationToken).ConfigureAwait(false))
            {
                if (writer is null)
                {
                    if (request.Channel == Channel.Unspecified)
                    {
                        throw new RpcException(StatusCode.InvalidArgument, "the first message must name the channel");
                    }

                    channel = EnumArgument.Defined(request.Channel, "channel");
                    writer = new ChannelWriter(ChannelOf(channel), _future, _log);
                }
                else if (request.Channel != Channel.Unspecified && request.Channel != channel)
                {
                    // The earlier messages' records are in the channel already (a stream is no
                    // transaction): made durable and counted, and told, so that the client sends
                    // only the rest again rather than all of it twice.
                    await writer.CompleteAsync(TimeSpan.Zero, context.CancellationToken).ConfigureAwait(false);
                    _totals.Add(channel, writer.Result);
                    counted = true;
                    throw new RpcException(StatusCode.InvalidArgument, $"an ingest stream writes to one channel: it began with {ChannelName(channel)}, and a later message names {ChannelName(request.Channel)}; the {writer.Result.Accepted} record(s) of the messages before that one were ingested into {ChannelName(channel)}");
                }

                if (request.PayloadCase == IngestRequest.PayloadOneofCase.Ndjson)
                {
                    writer.Write(request.Ndjson.Span);
                }
                else if (request.PayloadCase == IngestRequest.PayloadOneofCase.Records)
                {
                    foreach (Record record in request.Records.Records)
                    {
                        writer.Write(record);
                    }
                }
            }

            if (writer is null)
            {
                throw new RpcException(StatusCode.InvalidArgument, "an ingest stream needs at least one message naming the channel");
            }

            await writer.CompleteAsync(_cancelAfterHalfClose, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (writer is not null)
        {
            // Cancelled by the client (or it went away, its deadline passed, the daemon is
            // stopping) before the answer: no transaction, so the records appended before the cut
            // stay, and count as accepted; the answer is the call's CANCELLED.
            writer.CutOff("the stream was cancelled or cut off before it ended");
            _totals.Add(channel, writer.Result);
            throw;
        }
        catch (RpcException e) when (writer is not null && !counted)
        {
            // The stream broke on a message gRPC could not read (larger than the limit, not a
            // protobuf message): the earlier messages' records stay, as after a cut, and the
            // answer says how many, so that a client sends only the rest again.
            writer.CutOff($"the stream ended on a message that could not be read ({e.Message})");
            _totals.Add(channel, writer.Result);
            throw new RpcException(e.Status, $"{e.Message}; the {writer.Result.Accepted} record(s) of the messages before it were ingested into {ChannelName(channel)}");
        }

        _totals.Add(channel, writer.Result);
        return writer.Result;
    }

    private static string ChannelName(Channel channel) => channel.ToString().ToLowerInvariant();

    private async Task HttpIngestAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            await http.Response.WriteAsync("send the records with POST /ingest?channel=realtime|offline (NDJSON body)\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        // A misspelt parameter (?chanel=offline) would otherwise send the records to realtime unnoticed.
        if (http.Request.Query.Keys.FirstOrDefault(key => key != "channel") is { } unknown)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"unknown parameter '{unknown}': the only one is channel=realtime|offline\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Left out, it is realtime; given empty (?channel=$UNSET), it is a mistake like any other value.
        string? name = http.Request.Query.TryGetValue("channel", out var given) ? given.ToString() : null;
        if (given.Count > 1)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"channel is given {given.Count} times ({string.Join(", ", given.Select(g => $"\"{g}\""))}): give it once, realtime or offline\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        Channel channel = name switch
        {
            null or "realtime" => Channel.Realtime,
            "offline" => Channel.Offline,
            _ => Channel.Unspecified,
        };
        if (channel == Channel.Unspecified)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"channel \"{name}\" is not known: it must be realtime or offline\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        // A compressed body read as NDJSON would be refused line by line with a 200, which a
        // sender takes for delivered: gzip (what log shippers send) is read, any other refused.
        string encoding = http.Request.Headers.ContentEncoding.ToString().Trim();
        bool gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await http.Response.WriteAsync($"Content-Encoding '{encoding}' is not supported: send the body as it is, or gzip-compressed\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        ChannelWriter? writer = null;
        string? damage;
        try
        {
            writer = new ChannelWriter(ChannelOf(channel), _future, _log);
            damage = await WriteBodyAsync(http, writer, gzip).ConfigureAwait(false);
        }
        catch (ChannelFailedException e)
        {
            // Not stored durably, so not acknowledged: the sender is to send the request again later.
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(e.Message + "\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (writer is not null && e is OperationCanceledException or IOException)
        {
            // The body was cut off before its end (the sender went away or reset the request; Kestrel
            // reads a connection closed inside a chunked or sized body as a bad request): no
            // transaction, so the records appended before the cut stay, and count as accepted.
            writer.CutOff("the request's body was cut off before its end");
            _totals.Add(channel, writer.Result);

            // Still connected (a body whose framing is broken): Kestrel answers 400 with its reason.
            if (e is BadHttpRequestException)
            {
                throw;
            }

            return;
        }

        _totals.Add(channel, writer.Result);
        if (damage is not null)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"the gzip body is damaged ({damage}); the {writer.Result.Accepted} record(s) before the damage were ingested\n", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(_httpAnswer.Format(writer.Result) + "\n", http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the body's lines into the channel and commits them. Returns what damaged a gzip body:
    /// the lines before the damage are in the channel, as from a sender cut off midway.
    /// </summary>
    private static async Task<string?> WriteBodyAsync(HttpContext http, ChannelWriter writer, bool gzip)
    {
        await using var unzipped = gzip ? new GZipStream(GzipEnd.Followed(http.Request.Body), CompressionMode.Decompress) : null;
        PipeReader body = unzipped is null ? http.Request.BodyReader : PipeReader.Create(unzipped);

        // A gzip body's last bytes out are GzipEnd's marker, held back until the end shows them.
        int heldBack = gzip ? GzipEnd.Marker.Length : 0;
        string? damage = null;

        // What is held back, kept here too: when the body turns out damaged, it was no marker but
        // the body's own text, whose lines are ingested like those before them.
        var held = new byte[heldBack];
        int heldLength = 0;

        // Reading only as fast as the channel takes records is the back-pressure: TCP holds the sender.
        // The pipe's own buffers are read in place (no copy into a buffer of ours), as many bytes as
        // have arrived at a time.
        try
        {
            while (true)
            {
                ReadResult read = await body.ReadAsync(http.RequestAborted).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = read.Buffer;
                bool ended = read.IsCompleted || read.IsCanceled;
                if (ended && gzip && !EndsWithMarker(buffer))
                {
                    // No marker at the end: all of what is left is the body's own text.
                    writer.Write(buffer);
                    body.AdvanceTo(buffer.End);
                    heldLength = 0;
                    damage = GzipDamage;
                    break;
                }

                SequencePosition written = buffer.Length > heldBack ? buffer.GetPosition(buffer.Length - heldBack) : buffer.Start;
                writer.Write(buffer.Slice(0, written));
                ReadOnlySequence<byte> kept = buffer.Slice(written);
                kept.CopyTo(held);
                heldLength = (int)kept.Length;
                body.AdvanceTo(written, buffer.End);
                if (ended)
                {
                    break;
                }
            }
        }
        catch (InvalidDataException) when (gzip)
        {
            // .NET says "unsupported compression method" of any data zlib cannot read: a bad
            // checksum, a cut (which the marker's member makes show), or bytes that are not gzip.
            damage = GzipDamage;
        }

        // A body ends for good: HTTP/1.1 cannot take it back, and HTTP/2 senders do not reset a
        // request after ending its body. A damaged one keeps its whole lines, and its text after
        // the last newline, a line the damage went through, is dropped unjudged.
        if (damage is null)
        {
            await writer.CompleteAsync(TimeSpan.Zero, http.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            writer.Write(held.AsSpan(0, heldLength));
            writer.CutOff($"the gzip body is damaged ({damage})");
            await writer.CommitAsync(http.RequestAborted).ConfigureAwait(false);
        }

        return damage;
    }

    private const string GzipDamage = "its data is not valid gzip, or it stops before its end";

    private static bool EndsWithMarker(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < GzipEnd.Marker.Length)
        {
            return false;
        }

        Span<byte> end = stackalloc byte[GzipEnd.Marker.Length];
        buffer.Slice(buffer.Length - end.Length).CopyTo(end);
        return end.SequenceEqual(GzipEnd.Marker);
    }

    private ChannelLog ChannelOf(Channel channel) => channel == Channel.Offline ? _channels.Offline : _channels.Realtime;
}
