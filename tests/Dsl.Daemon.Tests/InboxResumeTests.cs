using System.Text;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>
/// An inbox file is ingested exactly once, whatever happens to the daemon while it reads it: a
/// stop part way through resumes after the last record stored, and a file ingested whole but not
/// yet moved to done/ is only moved.
/// </summary>
public sealed class InboxResumeTests
{
    // Well over the inbox's 64 KiB reads, so that a stop can fall in the middle of the file.
    private const int Records = 5_000;

    [Fact]
    public async Task A_stop_part_way_through_a_file_resumes_after_the_records_stored()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, Records));

        var firstTotals = new IngestTotals();
        var firstLog = new RecordingLogger();
        await StopPartWayAsync(inbox, temp.Combine("offline"), firstTotals, firstLog);

        string[] first = Entries(temp.Combine("offline"));
        Assert.InRange(first.Length, 1, Records - 1);
        Assert.True(File.Exists(Path.Combine(inbox, "meters.ndjson")));

        // Each run counts the records it ingested; the two add up to the file's.
        Assert.Equal(first.Length, Offline(firstTotals).Accepted);
        long size = Encoding.UTF8.GetByteCount(TestJobs.Lines(0, Records));
        Assert.Contains(
            $"inbox meters.ndjson: cut short by the daemon's stop at line {first.Length} (byte {first.Sum(l => l.Length + 1)} of {size}), {first.Length} records ingested and 0 refused before; the next start reads on from there",
            firstLog.Lines.Select(l => l.Message));

        var arrived = new List<string>();
        var secondTotals = new IngestTotals();
        var secondLog = new RecordingLogger();
        await PollAsync(inbox, temp.Combine("offline"), secondTotals, secondLog, arrived.Add);

        Assert.Equal(["inbox/meters.ndjson"], arrived);
        Assert.True(File.Exists(Path.Combine(inbox, "done", "meters.ndjson")));
        Assert.Equal(Expected(0, Records), Entries(temp.Combine("offline")));
        Assert.Equal(Records - first.Length, Offline(secondTotals).Accepted);
        Assert.Contains(
            $"inbox meters.ndjson: {Records - first.Length} records ingested, 0 refused, from line {first.Length + 1} on (the lines before it were ingested before the daemon stopped)",
            secondLog.Lines.Select(l => l.Message));
    }

    [Fact]
    public async Task Refusals_after_a_resume_keep_their_line_numbers_in_the_file()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, Records) + "not json\n");

        await StopPartWayAsync(inbox, temp.Combine("offline"));

        var totals = new IngestTotals();
        var log = new RecordingLogger();
        await PollAsync(inbox, temp.Combine("offline"), totals, log);

        Assert.Equal(1, Offline(totals).Rejected);
        Assert.Contains(log.Lines, l => l.Message.StartsWith($"ingest into offline: line {Records + 1} refused: malformed_json", StringComparison.Ordinal));
        Assert.Equal(Expected(0, Records), Entries(temp.Combine("offline")));
    }

    private static (long Accepted, long Rejected) Offline(IngestTotals totals)
    {
        var (_, accepted, rejected) = totals.All().Single(t => t.Channel == "offline");
        return (accepted, rejected);
    }

    [Fact]
    public async Task A_file_replaced_under_the_same_name_after_a_stop_is_read_from_its_start()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, Records));

        await StopPartWayAsync(inbox, temp.Combine("offline"));

        string[] first = Entries(temp.Combine("offline"));
        Assert.InRange(first.Length, 1, Records - 1);

        // Another file of the same size under the same name (the same lines in reverse order):
        // its records, from its first line.
        string[] reversed = [.. Expected(0, Records).Reverse()];
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson.part"), string.Concat(reversed.Select(l => l + "\n")));
        Assert.Equal(new FileInfo(Path.Combine(inbox, "meters.ndjson")).Length, new FileInfo(Path.Combine(inbox, "meters.ndjson.part")).Length);
        File.Move(Path.Combine(inbox, "meters.ndjson.part"), Path.Combine(inbox, "meters.ndjson"), overwrite: true);

        await PollAsync(inbox, temp.Combine("offline"));

        Assert.Equal([.. first, .. reversed], Entries(temp.Combine("offline")));
    }

    [Fact]
    public async Task A_file_ingested_whole_but_not_moved_is_moved_at_the_next_start_and_not_ingested_again()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, Records));

        // A file where done/ should be: the move after the last commit fails, as a crash there would leave it.
        File.WriteAllText(Path.Combine(inbox, "done"), "in the way");
        using (var offline = new ChannelLog("offline", temp.Combine("offline")))
        {
            var watcher = new InboxWatcher(inbox, offline, new IngestTotals(), FutureLimit.None, new RecordingLogger(), _ => { });
            try
            {
                await watcher.PollAsync(CancellationToken.None);
            }
            catch (IOException)
            {
                // Before the guarantee, the failed move escaped to the poll's caller.
            }
        }

        Assert.Equal(Expected(0, Records), Entries(temp.Combine("offline")));
        Assert.True(File.Exists(Path.Combine(inbox, "meters.ndjson")));
        File.Delete(Path.Combine(inbox, "done"));

        var arrived = new List<string>();
        await PollAsync(inbox, temp.Combine("offline"), arrived: arrived.Add);

        Assert.Equal(["inbox/meters.ndjson"], arrived);
        Assert.True(File.Exists(Path.Combine(inbox, "done", "meters.ndjson")));
        Assert.False(File.Exists(Path.Combine(inbox, "meters.ndjson")));
        Assert.Equal(Expected(0, Records), Entries(temp.Combine("offline")));
    }

    [Fact]
    public async Task The_same_content_dropped_again_after_it_was_moved_is_a_new_file()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, 10));
        await PollAsync(inbox, temp.Combine("offline"));

        File.WriteAllText(Path.Combine(inbox, "meters.ndjson"), TestJobs.Lines(0, 10));
        await PollAsync(inbox, temp.Combine("offline"));

        Assert.Equal([.. Expected(0, 10), .. Expected(0, 10)], Entries(temp.Combine("offline")));
    }

    [Fact]
    public async Task A_file_whose_records_a_full_disk_refused_is_read_again_from_the_last_record_stored()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        var disk = new SwitchableDisk();
        using (var offline = new ChannelLog("offline", temp.Combine("offline"), null, disk.Open))
        {
            var watcher = new InboxWatcher(inbox, offline, new IngestTotals(), FutureLimit.None, new RecordingLogger(), _ => { });
            File.WriteAllText(Path.Combine(inbox, "a.ndjson"), TestJobs.Lines(0, 10));
            await watcher.PollAsync(CancellationToken.None);

            // The records of the next file are appended, and lost with the log that could not write them.
            disk.Full = true;
            File.WriteAllText(Path.Combine(inbox, "b.ndjson"), TestJobs.Lines(10, Records));
            await Assert.ThrowsAsync<ChannelFailedException>(() => watcher.PollAsync(CancellationToken.None));
            Assert.True(File.Exists(Path.Combine(inbox, "b.ndjson")));

            disk.Full = false;
            await watcher.PollAsync(CancellationToken.None);
            Assert.True(File.Exists(Path.Combine(inbox, "done", "b.ndjson")));
        }

        Assert.Equal(Expected(0, Records), Entries(temp.Combine("offline")));
    }

    /// <summary>A daemon that stops (is cancelled) while it ingests the second chunk of the inbox's file.</summary>
    private static async Task StopPartWayAsync(string inbox, string offlineFolder, IngestTotals? totals = null, RecordingLogger? log = null)
    {
        using var stop = new CancellationTokenSource();
        using var offline = new ChannelLog("offline", offlineFolder);
        var watcher = new InboxWatcher(inbox, offline, totals ?? new IngestTotals(), StopAtChunk(2, stop), log ?? new RecordingLogger(), _ => { });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher.PollAsync(stop.Token));
    }

    /// <summary>A daemon started on the channel in <paramref name="offlineFolder"/> that reads its inbox once.</summary>
    private static async Task PollAsync(string inbox, string offlineFolder, IngestTotals? totals = null, RecordingLogger? log = null, Action<string>? arrived = null)
    {
        using var offline = new ChannelLog("offline", offlineFolder);
        var watcher = new InboxWatcher(inbox, offline, totals ?? new IngestTotals(), FutureLimit.None, log ?? new RecordingLogger(), arrived ?? (_ => { }));
        await watcher.PollAsync(CancellationToken.None);
    }

    /// <summary>The records of lines <paramref name="from"/> to <paramref name="to"/>, as the channel holds them.</summary>
    internal static string[] Expected(int from, int to) => [.. Enumerable.Range(from, to - from).Select(i => TestJobs.Line(i).TrimEnd('\n'))];

    /// <summary>Every record committed in the channel in <paramref name="folder"/>, in order.</summary>
    internal static string[] Entries(string folder)
    {
        using var channel = new ChannelLog("offline", folder);
        using ChannelReader reader = channel.Read(0, channel.CommittedTail);
        var lines = new List<string>();
        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
        {
            lines.Add(Encoding.UTF8.GetString(ChannelEntry.Line(entry.AsSpan(0, length))));
        }

        return [.. lines];
    }

    /// <summary>A limit that stops the daemon (cancels <paramref name="stop"/>) when chunk <paramref name="chunk"/> is read.</summary>
    private static FutureLimit StopAtChunk(int chunk, CancellationTokenSource stop) => new(TimeSpan.FromHours(24), new StoppingClock(chunk, stop));

    /// <summary>The system's clock, read once per chunk ingested, that cancels at the given reading.</summary>
    private sealed class StoppingClock(int at, CancellationTokenSource stop) : TimeProvider
    {
        private int _readings;

        public override DateTimeOffset GetUtcNow()
        {
            if (++_readings == at)
            {
                stop.Cancel();
            }

            return base.GetUtcNow();
        }
    }
}
