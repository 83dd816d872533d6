using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dsl.Control.V1;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using static Dsl.Daemon.Tests.ChannelWriterTests;

namespace Dsl.Daemon.Tests;

/// <summary>
/// What an ingest call answers, over HTTP (<c>POST /ingest</c>) and gRPC (<c>Ingest.Ingest</c> from
/// grpc-js, an independent client).
/// </summary>
public sealed class IngestAnswerTests
{
    /// <summary>
    /// A channel whose log cannot be written (a full disk: here its segment is /dev/full) answers an
    /// ingest with why, naming the channel's folder (HTTP 503, gRPC UNAVAILABLE), rather than an
    /// empty 500; and the daemon still stops cleanly.
    /// </summary>
    [Fact]
    public async Task An_ingest_into_a_channel_that_cannot_write_its_log_says_so()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string channel = Path.Combine(data, "channels", "realtime");
        Directory.CreateDirectory(channel);
        File.CreateSymbolicLink(Path.Combine(channel, "log.0"), "/dev/full");
        string expected = $"the realtime channel cannot write its log in {channel} (the disk is full or failing); records since its last commit may not be stored";

        var daemon = await TestDaemon.StartAsync(data);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.Daemon.HttpAddress!, "/ingest")) { Content = new StringContent(Good("a") + "\n", Encoding.UTF8) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);
        using HttpResponseMessage response = await http.SendAsync(request);
        using var call = daemon.Client.ClientStreaming(Dsl.Control.Api.IngestApi.Ingest);
        await call.WriteAsync(new IngestRequest { Channel = Channel.Realtime, Ndjson = Google.Protobuf.ByteString.CopyFromUtf8(Good("b") + "\n") });
        await call.CompleteAsync();
        var refused = await Assert.ThrowsAsync<Dsl.Control.Wire.RpcException>(() => call.ResponseAsync);

        Assert.Equal((System.Net.HttpStatusCode.ServiceUnavailable, expected), (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim()));
        Assert.Equal((Dsl.Control.Wire.StatusCode.Unavailable, expected), (refused.Status, refused.Message));
        await daemon.DisposeAsync();
    }

    /// <summary>
    /// A stream is no transaction: what its messages stored before one names another channel stays
    /// stored, and the refusal says how much, so that the client sends only the rest again.
    /// </summary>
    [Fact]
    public async Task A_stream_that_changes_channel_is_refused_saying_what_it_ingested_before()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        using var call = daemon.Client.ClientStreaming(Dsl.Control.Api.IngestApi.Ingest);

        await call.WriteAsync(new IngestRequest { Channel = Channel.Realtime, Ndjson = Google.Protobuf.ByteString.CopyFromUtf8(Good("a") + "\n" + Good("b") + "\n") });
        await call.WriteAsync(new IngestRequest { Ndjson = Google.Protobuf.ByteString.CopyFromUtf8(Good("c") + "\n") });
        await call.WriteAsync(new IngestRequest { Channel = Channel.Offline, Ndjson = Google.Protobuf.ByteString.CopyFromUtf8(Good("d") + "\n") });
        var refused = await Assert.ThrowsAsync<Dsl.Control.Wire.RpcException>(() => call.ResponseAsync);

        Assert.Equal(Dsl.Control.Wire.StatusCode.InvalidArgument, refused.Status);
        Assert.Equal("an ingest stream writes to one channel: it began with realtime, and a later message names offline; the 3 record(s) of the messages before that one were ingested into realtime", refused.Message);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress!, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Viewer);
        string metrics = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("dsl_ingest_accepted_total{channel=\"realtime\"} 3\n", metrics, StringComparison.Ordinal);
        Assert.Contains("dsl_ingest_accepted_total{channel=\"offline\"} 0\n", metrics, StringComparison.Ordinal);
    }

    /// <summary>
    /// Log shippers send gzip-compressed bodies: read as NDJSON, every line would be refused with a
    /// 200 the sender takes for delivered. Gzip is read; another encoding is refused as a whole.
    /// </summary>
    [Fact]
    public async Task Http_ingest_reads_a_gzip_body_and_refuses_an_encoding_it_cannot_read()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        byte[] ndjson = Encoding.UTF8.GetBytes(Good("a") + "\n" + Good("b") + "\n" + "not json\n");
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(ndjson);
        }

        var zipped = new ByteArrayContent(compressed.ToArray());
        zipped.Headers.ContentEncoding.Add("gzip");
        IngestResponse result = await daemon.IngestHttpAsync(zipped, "offline");

        Assert.Equal((2ul, 1ul), (result.Accepted, result.Rejected));
        Assert.Equal((3ul, "malformed_json"), (result.Rejections[0].Number, result.Rejections[0].Reason));

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.Daemon.HttpAddress!, "/ingest?channel=offline")) { Content = new ByteArrayContent(ndjson) };
        request.Content.Headers.ContentEncoding.Add("br");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);
        using HttpResponseMessage refused = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal("Content-Encoding 'br' is not supported: send the body as it is, or gzip-compressed", (await refused.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Http_ingest_of_a_damaged_gzip_body_answers_400_saying_how_many_records_before_the_damage_were_stored()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        byte[] ndjson = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i => Good("a" + i) + "\n")));
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true))
        {
            await gzip.WriteAsync(ndjson);
        }

        // Stored blocks: the lines decompress as they are, and the checksum at the end fails.
        byte[] damaged = compressed.ToArray();
        damaged[damaged.Length - 6] ^= 0xFF;
        var content = new ByteArrayContent(damaged);
        content.Headers.ContentEncoding.Add("gzip");
        using HttpResponseMessage response = await PostAsync(daemon, "/ingest?channel=offline", content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        System.Text.RegularExpressions.Match answer = System.Text.RegularExpressions.Regex.Match(
            (await response.Content.ReadAsStringAsync()).Trim(), "^the gzip body is damaged \\(its data is not valid gzip, or it stops before its end\\); the ([0-9]+) record\\(s\\) before the damage were ingested$");
        Assert.True(answer.Success, await response.Content.ReadAsStringAsync());

        // The damage is in the trailer: lines before it were read (as many as the last good read held).
        Assert.InRange(int.Parse(answer.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 199);
    }

    /// <summary>
    /// A gzip body that stops before its end (its sender cut off, its gzip never finished) is
    /// damaged, whether the cut falls in the data or in the trailer: .NET's gzip reader ends
    /// quietly there, and a 200 would tell the sender its lost records were delivered. The count
    /// is what was stored: a cut in the trailer (4 or 8 bytes) leaves every line whole, and
    /// all 500 are in the channel, which a sender resending "the rest" must know. A body of
    /// two whole members is read whole.
    /// </summary>
    [Theory]
    [InlineData(4, 500)]
    [InlineData(8, 500)]
    [InlineData(2000, null)]
    public async Task Http_ingest_of_a_gzip_body_cut_before_its_end_answers_400(int cut, int? stored)
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        byte[] whole = await GzipAsync(string.Concat(Enumerable.Range(0, 500).Select(i => Good("a" + i) + "\n")));
        var content = new ByteArrayContent(whole[..^cut]);
        content.Headers.ContentEncoding.Add("gzip");
        using HttpResponseMessage response = await PostAsync(daemon, "/ingest?channel=offline", content);

        string answer = (await response.Content.ReadAsStringAsync()).Trim();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("^the gzip body is damaged \\(its data is not valid gzip, or it stops before its end\\); the [0-9]+ record\\(s\\) before the damage were ingested$", answer);
        if (stored is { } all)
            Assert.Contains($"the {all} record(s)", answer, StringComparison.Ordinal);
        else
            Assert.DoesNotContain("the 500 record(s)", answer, StringComparison.Ordinal);
    }

    /// <summary>
    /// A whole member followed by bytes that are no gzip: every line of the member is ingested and
    /// counted, the last one too, though it was among the bytes held back to look for the end marker.
    /// </summary>
    [Theory]
    [InlineData("garbage-not-gzip-at-all")]
    [InlineData(null)]
    public async Task Http_ingest_of_a_whole_member_followed_by_damage_keeps_every_line_of_the_member(string? junk)
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        byte[] member = await GzipAsync(string.Concat(Enumerable.Range(0, 5).Select(i => Good("a" + i) + "\n")));
        byte[] after = junk is null ? member[..20] : Encoding.ASCII.GetBytes(junk);
        var content = new ByteArrayContent([.. member, .. after]);
        content.Headers.ContentEncoding.Add("gzip");
        using HttpResponseMessage response = await PostAsync(daemon, "/ingest?channel=offline", content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "the gzip body is damaged (its data is not valid gzip, or it stops before its end); the 5 record(s) before the damage were ingested",
            (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Http_ingest_reads_a_gzip_body_of_two_members_whole()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        byte[] first = await GzipAsync(Good("a") + "\n" + Good("b") + "\n");
        byte[] second = await GzipAsync(Good("c") + "\n");
        var content = new ByteArrayContent([.. first, .. second]);
        content.Headers.ContentEncoding.Add("gzip");

        IngestResponse result = await daemon.IngestHttpAsync(content, "offline");

        Assert.Equal((3ul, 0ul), (result.Accepted, result.Rejected));
    }

    private static async Task<byte[]> GzipAsync(string text)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(text));
        }

        return compressed.ToArray();
    }

    /// <summary>
    /// A record stamped days ahead of the clock (a device clock that jumped) is refused at every
    /// way in, over HTTP, as a structured gRPC record and from the inbox, so no job's event time
    /// leaps with it; one an hour ahead is taken, and <c>--max-future-hours 0</c> takes both.
    /// </summary>
    [Fact]
    public async Task A_record_stamped_days_ahead_of_the_clock_is_refused_as_invalid_time_and_an_hour_ahead_is_taken()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string Line(string asset, long time) => Good(asset).Replace("\"time\":1,", $"\"time\":{time},", StringComparison.Ordinal);
        string body = Line("hour", now + 3_600_000) + "\n" + Line("days", now + (7 * 43_200_000L)) + "\n";
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        await using var daemon = await TestDaemon.StartAsync(data);

        IngestResponse http = await daemon.IngestHttpAsync(body);
        using var call = daemon.Client.ClientStreaming(Dsl.Control.Api.IngestApi.Ingest);
        var records = new RecordBatch();
        records.Records.Add(new Control.V1.Record { AssetId = "hour", ModelId = "Meter", PointId = "Power", Time = now + 3_600_000, Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(1) });
        records.Records.Add(new Control.V1.Record { AssetId = "days", ModelId = "Meter", PointId = "Power", Time = now + (7 * 43_200_000L), Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(1) });
        await call.WriteAsync(new IngestRequest { Channel = Channel.Realtime, Records = records });
        await call.CompleteAsync();
        IngestResponse grpc = await call.ResponseAsync;
        File.WriteAllText(Path.Combine(data, "inbox", "meters.jsonl"), body);
        string metrics = await Eventually.WaitAsync(() => MetricsAsync(daemon), m => m.Contains("dsl_ingest_rejected_total{channel=\"offline\"} 1\n", StringComparison.Ordinal), "the inbox file to be ingested");

        foreach (IngestResponse result in new[] { http, grpc })
        {
            Assert.Equal((1ul, 1ul), (result.Accepted, result.Rejected));
            IngestRejection rejection = Assert.Single(result.Rejections);
            Assert.Equal((2ul, "invalid_time"), (rejection.Number, rejection.Reason));
            Assert.Matches("^\"time\" [0-9T:.-]+Z is 3 days ahead of the daemon's clock \\([0-9T:.-]+Z\\); records may be at most 24 hours ahead \\(dsl serve --max-future-hours\\)$", rejection.Detail);
        }

        Assert.Contains("dsl_ingest_accepted_total{channel=\"offline\"} 1\n", metrics, StringComparison.Ordinal);
        await daemon.DisposeAsync();

        await using var unlimited = await TestDaemon.StartAsync(temp.Combine("unlimited"), configure: o => o with { MaxFuture = null });
        IngestResponse taken = await unlimited.IngestHttpAsync(body);
        Assert.Equal((2ul, 0ul), (taken.Accepted, taken.Rejected));
    }

    private static async Task<string> MetricsAsync(TestDaemon daemon)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress!, "/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Viewer);
        return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
    }

    /// <summary>
    /// A query the endpoint does not understand is refused, saying what is wrong with it, rather
    /// than the records going to the realtime channel: a misspelt parameter, or a channel that is
    /// not one of the two, named as sent.
    /// </summary>
    [Theory]
    [InlineData("/ingest?chanel=offline", "unknown parameter 'chanel': the only one is channel=realtime|offline")]
    [InlineData("/ingest?channel=foo", "channel \"foo\" is not known: it must be realtime or offline")]
    [InlineData("/ingest?channel=", "channel \"\" is not known: it must be realtime or offline")]
    [InlineData("/ingest?channel=offline&channel=realtime", "channel is given 2 times (\"offline\", \"realtime\"): give it once, realtime or offline")]
    [InlineData("/ingest?channel=offline&channel=offline", "channel is given 2 times (\"offline\", \"offline\"): give it once, realtime or offline")]
    public async Task Http_ingest_refuses_a_query_it_does_not_understand_and_says_why(string target, string answer)
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        using HttpResponseMessage response = await PostAsync(daemon, target, new StringContent(Good("a") + "\n"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(answer, (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Http_ingest_answers_a_get_saying_to_post()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), "/ingest"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);
        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("send the records with POST /ingest?channel=realtime|offline (NDJSON body)", (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Http_ingest_refuses_a_line_over_1_MiB_once_with_its_line_number()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string body = Good("a") + "\n" + Padded("long", (1 << 20) + 100_000) + "\n" + Good("b") + "\n" + Good("c") + "\n";

        // Sent with a length and chunked (a stream of unknown length) in 4 KiB writes: the same answer.
        IngestResponse whole = await daemon.IngestHttpAsync(body, "offline");
        await using var stream = new ConcatenatedStream(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        IngestResponse chunked = await daemon.IngestHttpAsync(new StreamContent(stream, 4096), "offline");

        foreach (IngestResponse result in new[] { whole, chunked })
        {
            Assert.Equal(3ul, result.Accepted);
            Assert.Equal(1ul, result.Rejected);
            IngestRejection rejection = Assert.Single(result.Rejections);
            Assert.Equal((2ul, "line_too_long"), (rejection.Number, rejection.Reason));
        }
    }

    [Fact]
    public async Task Http_ingest_answers_every_field_even_when_nothing_was_refused()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), "/ingest?channel=offline"))
        {
            Content = new StringContent(Good("a") + "\n" + Good("b") + "\n", Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);

        using HttpResponseMessage response = await http.SendAsync(request);
        using JsonDocument answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("2", answer.RootElement.GetProperty("accepted").GetString());
        Assert.Equal("0", answer.RootElement.GetProperty("rejected").GetString());
        Assert.Equal(0, answer.RootElement.GetProperty("rejections").GetArrayLength());
    }

    [NodeFact]
    public async Task Grpc_ingest_refuses_a_line_over_1_MiB_once_in_one_message_or_split_over_several()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        JsonElement result = await NodePeer.RunAsync("ingestLongLine", daemon);

        foreach (string name in new[] { "oneMessage", "severalMessages" })
        {
            JsonElement response = result.GetProperty(name).GetProperty("response");
            Assert.Equal(("3", "1"), (response.GetProperty("accepted").GetString(), response.GetProperty("rejected").GetString()));
            JsonElement rejection = response.GetProperty("rejections")[0];
            Assert.Equal(("2", "line_too_long"), (rejection.GetProperty("number").GetString(), rejection.GetProperty("reason").GetString()));
        }
    }

    [Fact]
    public async Task Http_ingest_numbers_refusals_by_line_counting_blank_lines()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        string body = string.Concat(Enumerable.Range(1, 9).Select(i => Good("a" + i) + "\n")) + "\n" + "not json\n";

        IngestResponse result = await daemon.IngestHttpAsync(body, "offline");

        Assert.Equal(9ul, result.Accepted);
        IngestRejection rejection = Assert.Single(result.Rejections);
        Assert.Equal((11ul, "malformed_json"), (rejection.Number, rejection.Reason));
    }

    [NodeFact]
    public async Task Grpc_ingest_numbers_a_refusal_after_a_blank_line_as_a_preview_of_the_same_text_does()
    {
        await using var daemon = await ReleasedDoubler.StartAsync();

        JsonElement result = await NodePeer.RunAsync("ingestBlankLine", daemon.Daemon);

        JsonElement rejection = result.GetProperty("ingest").GetProperty("response").GetProperty("rejections")[0];
        Assert.Equal(("11", "malformed_json"), (rejection.GetProperty("number").GetString(), rejection.GetProperty("reason").GetString()));
        JsonElement error = result.GetProperty("preview").GetProperty("response").GetProperty("errors")[0];
        Assert.Equal("11", error.GetProperty("position").GetString());
    }

    /// <summary>
    /// A number that is NaN or infinite has no JSON form, so a structured record holding one has no
    /// line: it is refused as a value no point takes, and the call answers for the records around it.
    /// </summary>
    [NodeFact]
    public async Task Grpc_ingest_and_preview_refuse_a_structured_record_whose_value_is_not_a_finite_number()
    {
        await using var daemon = await ReleasedDoubler.StartAsync();

        JsonElement result = await NodePeer.RunAsync("ingestNotFinite", daemon.Daemon);

        JsonElement ingest = result.GetProperty("ingest").GetProperty("response");
        Assert.Equal(("2", "3"), (ingest.GetProperty("accepted").GetString(), ingest.GetProperty("rejected").GetString()));
        Assert.Equal(
            [
                ("2", "wrong_value_type", "the value NaN of point \"Power\" is not a finite number"),
                ("4", "wrong_value_type", "the value Infinity of point \"Power\" is not a finite number"),
                ("5", "wrong_value_type", "the value -Infinity of point \"Power\" is not a finite number"),
            ],
            ingest.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("number").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("detail").GetString())));
        Assert.Equal("2", result.GetProperty("channel").GetProperty("response").GetProperty("summary").GetProperty("recordsIn").GetString());

        // A preview counts and logs them as the job counts a record with a wrong value.
        JsonElement preview = result.GetProperty("preview").GetProperty("response");
        JsonElement summary = preview.GetProperty("summary");
        Assert.Equal(("4", "1", "3"), (summary.GetProperty("recordsIn").GetString(), summary.GetProperty("recordsOut").GetString(), summary.GetProperty("invalid").GetString()));
        JsonElement first = preview.GetProperty("errors")[0];
        Assert.Equal(("1", "wrong_value_type"), (first.GetProperty("position").GetString(), first.GetProperty("reason").GetString()));
        Assert.Contains("\"value\":NaN", first.GetProperty("record").GetString(), StringComparison.Ordinal);
    }

    [NodeFact]
    public async Task Grpc_ingest_keeps_a_structured_value_that_is_an_object_or_a_list_as_sent_for_the_job_to_refuse()
    {
        await using var daemon = await ReleasedDoubler.StartAsync();

        JsonElement result = await NodePeer.RunAsync("ingestStructuredValue", daemon.Daemon);

        JsonElement ingest = result.GetProperty("ingest").GetProperty("response");
        Assert.Equal(("2", "1"), (ingest.GetProperty("accepted").GetString(), ingest.GetProperty("rejected").GetString()));
        JsonElement nested = Assert.Single(ingest.GetProperty("rejections").EnumerateArray());
        Assert.Equal(
            ("3", "wrong_value_type", "the value NaN of point \"Power\" is not a finite number"),
            (nested.GetProperty("number").GetString(), nested.GetProperty("reason").GetString(), nested.GetProperty("detail").GetString()));

        // From the channel and sent to a preview alike, the job refuses both and logs them as they were sent.
        foreach (string run in new[] { "channel", "preview" })
        {
            JsonElement errors = result.GetProperty(run).GetProperty("response").GetProperty("errors");
            string[] logged = [.. errors.EnumerateArray().Select(e => e.GetProperty("record").GetString()!)];
            Assert.Contains(logged, r => r.Contains("\"value\":{\"kw\":5,\"ok\":true}", StringComparison.Ordinal));
            Assert.Contains(logged, r => r.Contains("\"value\":[1,\"a\",null]", StringComparison.Ordinal));
            Assert.All(errors.EnumerateArray(), e => Assert.Equal("wrong_value_type", e.GetProperty("reason").GetString()));
        }
    }

    [NodeFact]
    public async Task Enum_values_the_proto_does_not_declare_are_invalid_arguments()
    {
        await using var released = await ReleasedDoubler.StartAsync();

        JsonElement result = await NodePeer.RunAsync("undefinedEnums", released.Daemon);

        JsonElement ingest = result.GetProperty("ingest").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", ingest.GetProperty("status").GetString());
        Assert.Equal(
            "channel: 7 is not a Channel of control.proto; the values are CHANNEL_REALTIME (1), CHANNEL_OFFLINE (2)",
            ingest.GetProperty("details").GetString());
        Assert.Equal("0", result.GetProperty("realtime").GetProperty("response").GetProperty("summary").GetProperty("recordsIn").GetString());

        JsonElement list = result.GetProperty("list").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", list.GetProperty("status").GetString());
        Assert.StartsWith("statuses: 99 is not a JobStatus of control.proto; the values are JOB_STATUS_RELEASED (1), ", list.GetProperty("details").GetString());
        Assert.Equal("doubler", result.GetProperty("listDefined").GetProperty("response").GetProperty("jobs")[0].GetProperty("name").GetString());

        JsonElement unspecified = result.GetProperty("listUnspecified").GetProperty("error");
        Assert.Equal("INVALID_ARGUMENT", unspecified.GetProperty("status").GetString());
        Assert.Equal(
            "statuses: JOB_STATUS_UNSPECIFIED (0) means not set and matches nothing; the values are JOB_STATUS_RELEASED (1), JOB_STATUS_RUNNING (2), JOB_STATUS_PAUSED (3), JOB_STATUS_STOPPED (4), JOB_STATUS_FAILED (5)",
            unspecified.GetProperty("details").GetString());
    }

    private static async Task<HttpResponseMessage> PostAsync(TestDaemon daemon, string path, HttpContent content)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.Daemon.HttpAddress ?? throw new InvalidOperationException(), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);
        return await http.SendAsync(request);
    }
}
