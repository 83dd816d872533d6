using System.Text;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>The ring of recent lines that previews read: bounded by lines and by bytes.</summary>
public sealed class RecentRecordsTests
{
    [Fact]
    public void KeepsTheLatestLinesOldestFirst()
    {
        var recent = new RecentRecords(3, 1024);
        foreach (string line in new[] { "a", "bb", "ccc", "dddd" })
        {
            recent.Add(Encoding.UTF8.GetBytes(line));
        }

        Assert.Equal(["bb", "ccc", "dddd"], recent.Latest(10).Select(l => Encoding.UTF8.GetString(l)));
        Assert.Equal(["dddd"], recent.Latest(1).Select(l => Encoding.UTF8.GetString(l)));
    }

    [Fact]
    public void LinesWrapAroundTheByteRingAndOverwrittenOnesAreGone()
    {
        var recent = new RecentRecords(100, 10);
        var batch = new EntryBatch();
        foreach (string line in new[] { "0123", "4567", "89ab", "cdef" })
        {
            batch.Add(default, Encoding.UTF8.GetBytes(line));
        }

        recent.Add(batch);
        recent.Add(Encoding.UTF8.GetBytes("this line is longer than the ring"));

        // 16 bytes went into a 10-byte ring: the last two lines survive, one of them wrapped.
        Assert.Equal(["89ab", "cdef"], recent.Latest(100).Select(l => Encoding.UTF8.GetString(l)));
    }

    [Fact]
    public void LeavesOutTheLinesOfTheJobAskedAboutAndStillTakesTheLatestCount()
    {
        var recent = new RecentRecords(10, 1024);
        recent.Add(Encoding.UTF8.GetBytes("in1"));
        recent.Add(Encoding.UTF8.GetBytes("a-out1"), "a");
        recent.Add(Encoding.UTF8.GetBytes("b-out1"), "b");
        recent.Add(Encoding.UTF8.GetBytes("in2"));
        recent.Add(Encoding.UTF8.GetBytes("a-out2"), "a");

        Assert.Equal(["b-out1", "in2"], recent.Latest(2, except: "a").Select(l => Encoding.UTF8.GetString(l)));
        Assert.Equal(["in1", "b-out1", "in2"], recent.Latest(10, except: "a").Select(l => Encoding.UTF8.GetString(l)));
        Assert.Equal(["in1", "a-out1", "in2", "a-out2"], recent.Latest(10, except: "b").Select(l => Encoding.UTF8.GetString(l)));
        Assert.Equal(["in2", "a-out2"], recent.Latest(2).Select(l => Encoding.UTF8.GetString(l)));
    }

    /// <summary>
    /// A channel opened again holds the last lines of its log: here 14 MB of entries, more than the
    /// 8 MiB ring and a 4 MiB page, so the reading starts at a page inside the log.
    /// </summary>
    [Fact]
    public void AChannelOpenedAgainHoldsTheLastLinesOfItsLog()
    {
        using var temp = new TempDirectory();
        string Line(int i) => $"{{\"assetId\":\"m{i}\",\"modelId\":\"Meter\",\"pointId\":\"Power\",\"time\":{i},\"value\":{i},\"pad\":\"{new string('x', 30)}\"}}";
        const int Lines = 140_000;
        using (var channel = new ChannelLog("realtime", temp.Combine("realtime")))
        {
            byte[] entry = new byte[256];
            for (int i = 0; i < Lines; i++)
            {
                channel.Append(entry.AsSpan(0, ChannelEntry.Encode(entry, i % 2 == 0 ? default : "job"u8, Encoding.UTF8.GetBytes(Line(i)))));
            }
        }

        using var reopened = new ChannelLog("realtime", temp.Combine("realtime"));

        Assert.Equal(
            Enumerable.Range(Lines - 10_000, 10_000).Select(Line),
            reopened.Recent.Latest(10_000).Select(l => Encoding.UTF8.GetString(l)));

        // The lines the job "job" emitted (the odd ones) keep their origin, so its previews leave them out.
        Assert.Equal(
            [Line(Lines - 6), Line(Lines - 4), Line(Lines - 2)],
            reopened.Recent.Latest(3, except: "job").Select(l => Encoding.UTF8.GetString(l)));
    }
}
