using System.Text;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Jobs;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;
using Dsl.Runtime.Records;

namespace Dsl.Daemon.Tests;

/// <summary>
/// A job's outputs go into its channel exactly once across crashes: a forward is durable in the
/// channel before the mark that says it happened, and entries of a forward whose mark a crash took
/// are counted as forwarded when the job's sink opens again. The channels here commit only when
/// asked (their background commit is an hour away), so that what the sink commits is what is seen.
/// </summary>
public sealed class ForwardingTests
{
    [Fact]
    public void A_forward_is_committed_in_the_channel_when_its_mark_is_written()
    {
        using var temp = new TempDirectory();
        using LoadedJob job = Doubler();
        using var channel = Channel(temp.Combine("channel"));
        var files = new OutputFiles(temp.Combine("out"), 1, 1 << 20);
        using JobOutputSink sink = Sink(job, files, channel, out int asset, out int point);
        for (int round = 0; round < 5; round++)
        {
            sink.Write(new OutputRecord(asset, point, 1_700_000_000_000 + round, round, null, CalMode.Ontime));
            sink.Commit();

            Assert.Equal(channel.TailAddress, channel.CommittedTail);
            Assert.Equal(files.Length, files.Forwarded);
            Assert.Equal(channel.CommittedTail, files.ChannelTail);
        }
    }

    [Fact]
    public void Entries_committed_before_a_crash_took_their_mark_are_not_forwarded_again()
    {
        using var temp = new TempDirectory();
        using LoadedJob job = Doubler();
        var channel = Channel(temp.Combine("channel"));
        string folder = temp.Combine("out");
        channel.Append(Entry(string.Empty, "an ingested record"));

        // First checkpoint: two outputs, forwarded and marked.
        var files = new OutputFiles(folder, 1, 1 << 20);
        JobOutputSink sink = Sink(job, files, channel, out int asset, out int point);
        sink.Write(new OutputRecord(asset, point, 1, 1, null, CalMode.Ontime));
        sink.Write(new OutputRecord(asset, point, 2, 2, null, CalMode.Ontime));
        long checkpoint = sink.Commit().Position;

        // Second checkpoint: its outputs are appended and reach the channel, interleaved with an
        // ingested record, and the process dies before the mark (and the checkpoint) is written.
        string[] lost = Lines(job, [(3, 3), (4, 4)]);
        channel.Append(Entry("doubler", lost[0]));
        channel.Append(Entry(string.Empty, "another ingested record"));
        channel.Append(Entry("doubler", lost[1]));
        channel.Commit();
        files.Dispose();
        channel.Dispose();

        // The restore truncates the output to the first checkpoint; the job produces the second pair again.
        using var recovered = Channel(temp.Combine("channel"));
        channel = recovered;
        var reopened = new OutputFiles(folder, 1, 1 << 20);
        using JobOutputSink resumed = Sink(job, reopened, channel, out asset, out point);
        resumed.Rewind(new Dsl.Runtime.Checkpoints.OutputPosition(checkpoint));
        resumed.Write(new OutputRecord(asset, point, 3, 3, null, CalMode.Ontime));
        resumed.Write(new OutputRecord(asset, point, 4, 4, null, CalMode.Ontime));
        resumed.Write(new OutputRecord(asset, point, 5, 5, null, CalMode.Ontime));
        resumed.Commit();

        string[] forwarded = Forwarded(channel);
        Assert.Equal(Lines(job, [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]), forwarded);
    }

    [Fact]
    public void After_a_clean_close_the_channel_is_not_read_for_lines_of_the_job()
    {
        using var temp = new TempDirectory();
        using LoadedJob job = Doubler();
        using var channel = Channel(temp.Combine("channel"));
        string folder = temp.Combine("out");
        long length;
        using (JobOutputSink first = Sink(job, new OutputFiles(folder, 1, 1 << 20), channel, out int asset, out int point))
        {
            first.Write(new OutputRecord(asset, point, 1, 1, null, CalMode.Ontime));
            first.Commit();
            length = new FileInfo(Directory.GetFiles(folder, "*.ndjson").Single()).Length;
        }

        // An entry in the job's name after a clean close: none can exist, so none is looked for.
        channel.Append(Entry("doubler", Lines(job, [(9, 9)])[0]));
        channel.Commit();
        var files = new OutputFiles(folder, 1, 1 << 20);
        Assert.True(files.Closed);
        using JobOutputSink second = Sink(job, files, channel, out _, out _);

        Assert.Equal(length, files.Forwarded);
        Assert.False(files.Closed);
    }

    [Theory]
    [InlineData(3.25, 3.0)]
    [InlineData(3.0, 3.25)]
    public void A_replay_that_differs_is_forwarded_in_whole_lines_and_loses_none(double forwarded, double replayed)
    {
        using var temp = new TempDirectory();
        using LoadedJob job = Doubler();
        using var channel = Channel(temp.Combine("channel"));
        string folder = temp.Combine("out");
        var files = new OutputFiles(folder, 1, 1 << 20);
        JobOutputSink sink = Sink(job, files, channel, out int a, out int p);
        sink.Write(new OutputRecord(a, p, 2, 2, null, CalMode.Ontime));
        long checkpoint = sink.Commit().Position;
        sink.Write(new OutputRecord(a, p, 3, forwarded, null, CalMode.Ontime));
        sink.Commit();
        files.Dispose();

        // A crash before the second commit's checkpoint, and a replay whose first output differs in
        // length (as closing by processing time may): the forwarded count ends inside a line.
        using var resumed = Sink(job, new OutputFiles(folder, 1, 1 << 20), channel, out a, out p);
        resumed.Rewind(new Dsl.Runtime.Checkpoints.OutputPosition(checkpoint));
        resumed.Write(new OutputRecord(a, p, 3, replayed, null, CalMode.Ontime));
        resumed.Write(new OutputRecord(a, p, 4, 4, null, CalMode.Ontime));
        resumed.Commit();

        // Whole lines only; the line the count falls in goes again, so 4 is never lost (a longer
        // replay repeats 3, in its newer version).
        var expected = replayed > forwarded ? new[] { (2L, 2d), (3L, forwarded), (3L, replayed), (4L, 4d) } : [(2L, 2d), (3L, forwarded), (4L, 4d)];
        Assert.Equal(Lines(job, expected), Forwarded(channel));
    }

    /// <summary>A channel that commits only when asked.</summary>
    private static ChannelLog Channel(string directory) => new("realtime", directory, TimeSpan.FromHours(1));

    private static JobOutputSink Sink(LoadedJob job, OutputFiles files, ChannelLog channel, out int asset, out int point)
    {
        var points = new PointTable(job.Job.Manifest);
        var assets = new AssetTable(job.Job.Manifest, points);
        point = points.Slot("Meter", "Double");
        asset = assets.GetOrAdd("m1", points.ModelOf(point));
        return new JobOutputSink(files, channel, new OutputHub(), job.Job.Manifest, points, assets);
    }

    /// <summary>The lines the sink writes for these (time, value) outputs of asset m1.</summary>
    private static string[] Lines(LoadedJob job, (long Time, double Value)[] outputs)
    {
        var points = new PointTable(job.Job.Manifest);
        var assets = new AssetTable(job.Job.Manifest, points);
        int point = points.Slot("Meter", "Double");
        int asset = assets.GetOrAdd("m1", points.ModelOf(point));
        using var text = new MemoryStream();
        var ndjson = new Dsl.Runtime.Sinks.NdjsonOutputSink(text, job.Job.Manifest, points, assets);
        foreach ((long time, double value) in outputs)
        {
            ndjson.Write(new OutputRecord(asset, point, time, value, null, CalMode.Ontime));
        }

        ndjson.Flush();
        return Encoding.UTF8.GetString(text.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static byte[] Entry(string origin, string line)
    {
        byte[] originBytes = Encoding.UTF8.GetBytes(origin);
        byte[] lineBytes = Encoding.UTF8.GetBytes(line);
        var entry = new byte[ChannelEntry.Size(originBytes, lineBytes)];
        ChannelEntry.Encode(entry, originBytes, lineBytes);
        return entry;
    }

    /// <summary>The job's lines in the channel, in order.</summary>
    private static string[] Forwarded(ChannelLog channel)
    {
        channel.Commit();
        var lines = new List<string>();
        using ChannelReader reader = channel.Read(0);
        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
        {
            ReadOnlySpan<byte> span = entry.AsSpan(0, length);
            if (Encoding.UTF8.GetString(ChannelEntry.Origin(span)) == "doubler")
            {
                lines.Add(Encoding.UTF8.GetString(ChannelEntry.Line(span)));
            }
        }

        return [.. lines];
    }

    private static LoadedJob Doubler()
    {
        EmitResult emitted = Compilation.Create(SourceText.From(TestJobs.Doubler(), "doubler.stream")).Emit(EmitOptions.Default);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return LoadedJob.Load(emitted.Assembly ?? [], "doubler");
    }
}
