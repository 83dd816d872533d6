using System.Text;
using System.Text.Json.Nodes;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>A channel's note says what its log holds after a restart, whenever the crash came.</summary>
public sealed class CommitNotesTests
{
    [Fact]
    public void The_note_of_the_last_commit_comes_back_after_a_restart()
    {
        using var temp = new TempDirectory();
        using (var channel = new ChannelLog("offline", temp.Combine("offline")))
        {
            channel.Append(Batch("one"), "after one");
            channel.Commit();
            channel.Append(Batch("two"), "after two");
        }

        using var reopened = new ChannelLog("offline", temp.Combine("offline"));
        Assert.Equal("after two", reopened.ReadNote());
    }

    [Fact]
    public void A_note_written_for_a_commit_that_never_came_is_dropped()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("offline");
        using (var channel = new ChannelLog("offline", folder))
        {
            channel.Append(Batch("one"), "after one");
            channel.Commit();
        }

        // A crash after the note of the next commit was written, before its commit record.
        string notes = Path.Combine(folder, "commit-notes.json");
        JsonArray entries = JsonNode.Parse(File.ReadAllText(notes))!.AsArray();
        entries.Add(new JsonObject { ["Until"] = 1L << 40, ["Note"] = "after two" });
        File.WriteAllText(notes, entries.ToJsonString());

        using (var channel = new ChannelLog("offline", folder))
        {
            Assert.Equal("after one", channel.ReadNote());

            // The log goes on at the addresses the lost commit would have ended at: the note it
            // named is gone for good, not taken for the later commits'.
            channel.Append(Batch("three"), "after three");
            channel.Commit();
        }

        using var reopened = new ChannelLog("offline", folder);
        Assert.Equal("after three", reopened.ReadNote());
        Assert.DoesNotContain("after two", File.ReadAllText(notes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_forgotten_note_stays_forgotten_after_a_restart()
    {
        using var temp = new TempDirectory();
        using (var channel = new ChannelLog("offline", temp.Combine("offline")))
        {
            channel.Append(Batch("one"), "after one");
            channel.Commit();
            channel.ForgetNote();
            Assert.Null(channel.ReadNote());
        }

        using var reopened = new ChannelLog("offline", temp.Combine("offline"));
        Assert.Null(reopened.ReadNote());
    }

    /// <summary>
    /// A note that cannot be written leaves the one before it in the file: after a restart the input
    /// is read on from an earlier point (some of it stored twice), never from a later one.
    /// </summary>
    [Fact]
    public void A_note_that_cannot_be_written_leaves_the_one_before_it()
    {
        using var temp = new TempDirectory();
        string folder = temp.Combine("offline");
        string blocker = Path.Combine(folder, "commit-notes.json.tmp");
        using (var channel = new ChannelLog("offline", folder))
        {
            channel.Append(Batch("one"), "after one");
            channel.Commit();

            // The file is written through this temporary name: a folder there fails every write.
            Directory.CreateDirectory(blocker);
            channel.Append(Batch("two"), "after two");
            channel.Commit();
            channel.ForgetNote();
            Assert.Equal("after one", channel.ReadNote());
        }

        Directory.Delete(blocker);
        using var reopened = new ChannelLog("offline", folder);
        Assert.Equal("after one", reopened.ReadNote());
    }

    private static EntryBatch Batch(string asset)
    {
        var batch = new EntryBatch();
        batch.Add(default, Encoding.UTF8.GetBytes(ChannelWriterTests.Good(asset)));
        return batch;
    }
}
