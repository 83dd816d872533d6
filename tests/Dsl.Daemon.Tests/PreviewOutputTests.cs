using Google.Protobuf;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Control.Wire;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>
/// What a preview holds of its outputs: the first <c>limit</c>, the rest counted; and a preview
/// whose records make more outputs than any preview is for is stopped with why, where it used to
/// hold them all in memory (gigabytes) and fail with an internal error.
/// </summary>
public sealed class PreviewOutputTests
{
    private const string Job = """
        job fill_seconds
        settings { timezone "UTC" }
        model Meter {
          ai Power: double kW
          ai Samples
        }
        aggregate Meter window tumbling 1s {
          Samples = count(Power) fill 0
        }
        """;

    private static string Record(string time) =>
        $$"""{"assetId":"a","modelId":"Meter","pointId":"Power","time":"{{time}}","value":1}""" + "\n";

    [Fact]
    public async Task A_preview_keeps_the_first_outputs_up_to_its_limit_and_counts_every_one()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        // An hour between the two records: a zero for each second between them, and each record's own count.
        PreviewResponse preview = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Source = new InlineSource { File = "jobs/fill_seconds.stream", Text = Job },
            Ndjson = ByteString.CopyFromUtf8(Record("2026-01-01T00:00:00Z") + Record("2026-01-01T01:00:00Z")),
            Limit = 3,
        });

        Assert.Equal((3601ul, true), (preview.Summary.RecordsOut, preview.Truncated));
        Assert.Equal([(1_767_225_600_000L, 1d), (1_767_225_601_000L, 0d), (1_767_225_602_000L, 0d)], preview.Outputs.Select(o => (o.Time, o.Value.NumberValue)));
    }

    /// <summary>
    /// Outputs that would make the response larger than a message may be (4 MiB) are left out as
    /// those beyond the limit are, and counted: the preview answers rather than failing for its size.
    /// </summary>
    [Fact]
    public async Task A_preview_whose_outputs_pass_the_message_size_returns_those_that_fit_and_says_it_is_truncated()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));
        const string threeOutputs = "job three\nmodel Meter {\n  ai Power: double kW\n  ai A kW\n  ai B kW\n  ai C kW\n}\nmerge Meter on Power {\n  A = Power\n  B = Power * 2\n  C = Power * 3\n}\n";
        var request = new PreviewRequest { Source = new InlineSource { File = "jobs/three.stream", Text = threeOutputs }, Records = new RecordBatch() };
        for (int i = 0; i < 15; i++)
        {
            // Long asset ids (200 000 characters): 45 outputs of them hold about 9 MB.
            request.Records.Records.Add(new Dsl.Control.V1.Record { AssetId = new string('a', 200_000) + i, ModelId = "Meter", PointId = "Power", Time = 1000 + i, Value = Google.Protobuf.WellKnownTypes.Value.ForNumber(i) });
        }

        PreviewResponse preview = await daemon.Client.UnaryAsync(JobsApi.Preview, request);

        Assert.Equal((45ul, true), (preview.Summary.RecordsOut, preview.Truncated));
        Assert.InRange(preview.Outputs.Count, 15, 20);
        Assert.True(preview.CalculateSize() <= 4 * 1024 * 1024, $"{preview.CalculateSize()} bytes");
        Assert.Equal(new string('a', 200_000) + "0", preview.Outputs[0].AssetId);
    }

    /// <summary>The errors a preview returns are its first rejected records, as the proto and dsl preview have them, not a later run of them.</summary>
    [Fact]
    public async Task A_preview_returns_its_first_rejected_records()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        // Of one reason, and of two, where the second's many must not push the first's out.
        const string missing = "{\"assetId\":\"a\"}\n";
        foreach (string lines in new[] { Repeat("not json\n", 50), Repeat("not json\n", 250), Repeat(missing, 30) + Repeat("not json\n", 200) })
        {
            PreviewResponse preview = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
            {
                Source = new InlineSource { File = "jobs/fill_seconds.stream", Text = Job },
                Ndjson = ByteString.CopyFromUtf8(lines),
            });

            Assert.Equal((ulong)lines.Count(c => c == '\n'), preview.Summary.Invalid);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (ulong)i), preview.Errors.Select(e => e.Position));
        }

        static string Repeat(string line, int count) => string.Concat(Enumerable.Repeat(line, count));
    }

    [Fact]
    public async Task A_preview_whose_records_make_millions_of_outputs_is_stopped_saying_which_record()
    {
        using var temp = new TempDirectory();
        await using var daemon = await TestDaemon.StartAsync(temp.Combine("data"));

        // A year between the records, at one window a second: 31 million zeros.
        var stopped = await Assert.ThrowsAsync<RpcException>(() => daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Source = new InlineSource { File = "jobs/fill_seconds.stream", Text = Job },
            Ndjson = ByteString.CopyFromUtf8(Record("2026-01-01T00:00:00Z") + Record("2026-01-01T00:00:01Z") + Record("2027-01-01T00:00:00Z")),
        }));

        Assert.Equal(StatusCode.ResourceExhausted, stopped.Status);
        Assert.Equal(
            "the preview stopped after 1,000,000 outputs, at record 3 of the input: fill and merge every emit for each window and grid time "
            + "between an asset's records, so a record far ahead of the one before it makes that many; preview fewer records, or look at their times",
            stopped.Message);

        // The daemon is none the worse for it.
        PreviewResponse small = await daemon.Client.UnaryAsync(JobsApi.Preview, new PreviewRequest
        {
            Source = new InlineSource { File = "jobs/fill_seconds.stream", Text = Job },
            Ndjson = ByteString.CopyFromUtf8(Record("2026-01-01T00:00:00Z") + Record("2026-01-01T00:00:02Z")),
        });
        Assert.Equal(3, small.Outputs.Count);
    }
}
