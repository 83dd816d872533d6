using System.Text;
using Dsl.Daemon.Channels;

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
}
