using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dsl.Control.Api;
using Dsl.Control.V1;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;

namespace Dsl.Daemon.Tests;

/// <summary>A channel whose log could not be written takes writes again once the disk is mended.</summary>
public sealed class ChannelRecoveryTests
{
    /// <summary>
    /// The realtime log's segment is /dev/full (a full disk) while a realtime job reads the channel:
    /// an ingest is refused. Once the segment is an ordinary file again (the disk mended), the next
    /// ingests are taken without a restart, and the job reads exactly the acknowledged records, once
    /// each and in order; the log reopened from disk after the daemon stops holds the same.
    /// </summary>
    [Fact]
    public async Task An_ingest_after_the_disk_is_mended_is_taken_and_the_job_reads_each_acknowledged_record_once()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string channel = Path.Combine(data, "channels", "realtime");
        Directory.CreateDirectory(channel);
        string segment = Path.Combine(channel, "log.0");
        File.CreateSymbolicLink(segment, "/dev/full");

        await using (var daemon = await TestDaemon.StartAsync(data))
        {
            var workspace = new Workspace(temp.Combine("ws"));
            await daemon.ReleaseAndStartAsync(workspace, "doubler", TestJobs.Doubler());

            (HttpStatusCode refused, string why) = await PostAsync(daemon, TestJobs.Lines(0, 10));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
            Assert.StartsWith($"the realtime channel cannot write its log in {channel}", why, StringComparison.Ordinal);

            File.Delete(segment);
            Assert.Equal(10ul, (await daemon.IngestHttpAsync(TestJobs.Lines(10, 20))).Accepted);
            Assert.Equal(10ul, (await daemon.IngestHttpAsync(TestJobs.Lines(20, 30))).Accepted);

            await Eventually.WaitAsync(() => daemon.CountersAsync("doubler"), c => c.RecordsIn >= 20, "the acknowledged records read");
            string[] outputs = await Eventually.WaitAsync(() => Task.FromResult(daemon.Outputs("doubler")), o => o.Length >= 20, "their outputs committed");
            Assert.Equal(Assets(10, 30), outputs.Select(AssetOf));
            Assert.Equal(20ul, (await daemon.CountersAsync("doubler")).RecordsIn);
        }

        using (var reopened = new ChannelLog("realtime", channel))
        {
            var stored = new List<string>();
            using ChannelReader reader = reopened.Read(0);
            while (reader.GetNext(out byte[] entry, out int length, out _, out _))
            {
                // The ingested records, not the job's outputs the channel also holds.
                ReadOnlySpan<byte> read = entry.AsSpan(0, length);
                if (ChannelEntry.Origin(read).IsEmpty)
                {
                    stored.Add(Encoding.UTF8.GetString(ChannelEntry.Line(read)));
                }
            }

            Assert.Equal(Assets(10, 30), stored.Select(AssetOf));
        }

        // The job resumes where it was and goes on with the records after the restart.
        await using var restarted = await TestDaemon.StartAsync(data);
        await restarted.IngestHttpAsync(TestJobs.Lines(30, 35));
        string[] all = await Eventually.WaitAsync(() => Task.FromResult(restarted.Outputs("doubler")), o => o.Length >= 25, "the outputs after the restart");
        Assert.Equal(Assets(10, 35), all.Select(AssetOf));
    }

    /// <summary>
    /// A segment cut short on disk holds committed entries no longer: opening the channel (which
    /// reads its latest entries for previews) says that its log is damaged, naming the folder and
    /// what to do, instead of FASTER's exception reaching `dsl serve` as an internal error.
    /// </summary>
    [Fact]
    public void A_channel_whose_segment_was_cut_short_is_refused_as_damaged_naming_its_folder()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("realtime");
        using (var channel = new ChannelLog("realtime", folder))
        {
            byte[] entry = Encoding.UTF8.GetBytes(new string('x', 1000));
            for (int i = 0; i < 20_000; i++)
                channel.Append(entry);
            channel.Commit();
        }

        string segment = Directory.GetFiles(folder, "log.*").Single();
        using (var file = File.OpenWrite(segment))
            file.SetLength(1_000_000);

        var damaged = Assert.Throws<ChannelFailedException>(() => new ChannelLog("realtime", folder));
        Assert.StartsWith($"the realtime channel's log in {folder} is damaged: its committed entries cannot be read past address ", damaged.Message, StringComparison.Ordinal);
        Assert.EndsWith("as when a segment file was cut short or overwritten. Restore the folder from a backup, or move it aside to start the channel empty (jobs that had read it then fail, and a stop and a start run them from its tail)", damaged.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The disk fills after records were acknowledged, while a reader (as a job's worker) has read
    /// them and waits for more: the write is refused, the reader sees nothing of it and waits (not
    /// on FASTER's failed commit). Once the disk has room again, a write reopens the log, the reader
    /// goes on after the last record it read, and reads each acknowledged record once, in order; so
    /// does a channel opened again on the files.
    /// </summary>
    [Fact]
    public async Task A_reader_waiting_on_a_failed_channel_goes_on_after_the_reopening_with_exactly_the_acknowledged_records()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("realtime");
        var disk = new SwitchableDisk();
        var read = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using (var channel = new ChannelLog("realtime", folder, null, disk.Open))
        {
            Task reading;
            using (ChannelReader reader = channel.Read(channel.CommittedTail))
            {
                reading = Task.Run(async () =>
                {
                    while (true)
                    {
                        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
                        {
                            read.Add(Encoding.UTF8.GetString(ChannelEntry.Line(entry.AsSpan(0, length))));
                        }

                        if (read.Count >= 30)
                        {
                            return;
                        }

                        await reader.WaitAsync(stop.Token);
                    }
                });

                await WriteAsync(channel, 0, 10);
                await Eventually.WaitAsync(() => Task.FromResult(read.Count), n => n == 10, "the first records read");

                disk.Full = true;
                var refused = await Assert.ThrowsAsync<ChannelFailedException>(() => WriteAsync(channel, 10, 20));
                Assert.StartsWith($"the realtime channel cannot write its log in {folder}", refused.Message, StringComparison.Ordinal);

                // Still full: the reopening is tried, and the write refused again.
                await Assert.ThrowsAsync<ChannelFailedException>(() => WriteAsync(channel, 20, 30));

                disk.Full = false;
                await WriteAsync(channel, 30, 40);
                await WriteAsync(channel, 40, 50);
                await reading.WaitAsync(stop.Token);
            }

            Assert.Equal(Assets(0, 10).Concat(Assets(30, 50)), read.Select(AssetOf));
        }

        Assert.Equal(read, StoredLines(folder));
    }

    /// <summary>
    /// Four writers ingest while the disk fills and empties every 30 ms and a reader follows the
    /// channel: the log is reopened again and again, by whichever writer comes first, while flushes
    /// of the failed log are still under way. The reader reads each record once and every
    /// acknowledged one, and the log opened again on the files holds exactly what it read.
    /// </summary>
    [Fact]
    public async Task Writers_and_a_reader_of_a_channel_whose_disk_keeps_filling_agree_with_the_files()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("realtime");
        var disk = new SwitchableDisk();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<int>();
        var read = new List<string>();
        int next = 0;
        using (var stop = new CancellationTokenSource())
        using (var channel = new ChannelLog("realtime", folder, null, disk.Open))
        {
            Task reading;
            using (ChannelReader reader = channel.Read(channel.CommittedTail))
            {
                reading = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
                        {
                            read.Add(Encoding.UTF8.GetString(ChannelEntry.Line(entry.AsSpan(0, length))));
                        }

                        await reader.WaitAsync(stop.Token).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                });

                Task[] writers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
                {
                    for (int k = 0; k < 300; k++)
                    {
                        int from = Interlocked.Add(ref next, 5) - 5;
                        try
                        {
                            await WriteAsync(channel, from, from + 5);
                            acknowledged.Add(from);
                        }
                        catch (ChannelFailedException)
                        {
                            // Not acknowledged: a sender would send it again.
                        }
                    }
                }))];
                for (int t = 0; t < 20; t++)
                {
                    await Task.Delay(30);
                    disk.Full = !disk.Full;
                }

                disk.Full = false;
                await Task.WhenAll(writers);
                await WriteAsync(channel, 10_000, 10_001);
                await Eventually.WaitAsync(() => Task.FromResult(read.Count > 0 && TimeOf(read[^1]) == 10_000), last => last, "the last write read");
                await stop.CancelAsync();
                await reading;
            }
        }

        Assert.Equal(read.Count, read.Distinct().Count());
        var times = read.Select(TimeOf).ToHashSet();
        Assert.All(acknowledged.SelectMany(from => Enumerable.Range(from, 5)), i => Assert.Contains((long)i, times));

        Assert.Equal(read, StoredLines(folder));
    }

    /// <summary>Every line of the channel in <paramref name="folder"/>, as a new log opened on its files reads them.</summary>
    private static List<string> StoredLines(string folder)
    {
        using var reopened = new ChannelLog("realtime", folder);
        var stored = new List<string>();
        using ChannelReader reader = reopened.Read(0);
        while (reader.GetNext(out byte[] entry, out int length, out _, out _))
        {
            stored.Add(Encoding.UTF8.GetString(ChannelEntry.Line(entry.AsSpan(0, length))));
        }

        return stored;
    }

    private static async Task WriteAsync(ChannelLog channel, int from, int to)
    {
        var writer = new Ingest.ChannelWriter(channel, Ingest.FutureLimit.None, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        writer.Write(Encoding.UTF8.GetBytes(TestJobs.Lines(from, to)));
        writer.Complete();
        await writer.CommitAsync(CancellationToken.None);
        Assert.Equal((ulong)(to - from), writer.Result.Accepted);
    }

    private static IEnumerable<string> Assets(int from, int to) => Enumerable.Range(from, to - from).Select(i => "m" + i);

    /// <summary>The number of the record <see cref="TestJobs.Line"/> wrote.</summary>
    private static long TimeOf(string line)
    {
        using JsonDocument record = JsonDocument.Parse(line);
        return record.RootElement.GetProperty("time").GetInt64() - 1_700_000_000_000L;
    }

    private static string AssetOf(string line)
    {
        using JsonDocument record = JsonDocument.Parse(line);
        return record.RootElement.GetProperty("assetId").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(TestDaemon daemon, string ndjson)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(daemon.Daemon.HttpAddress!, "/ingest")) { Content = new StringContent(ndjson, Encoding.UTF8) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", daemon.Operator);
        using HttpResponseMessage response = await http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }
}
