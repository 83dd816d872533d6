using System.Text;
using Dsl.Daemon.Channels;
using Dsl.Daemon.Ingest;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>The inbox ingests every file it can read, whatever else lies in it.</summary>
public sealed class InboxWatcherTests
{
    [Fact]
    public async Task A_file_that_cannot_be_opened_stays_named_once_in_the_log_and_holds_up_no_other()
    {
        using var temp = new TempDirectory();
        string inbox = temp.Combine("inbox");
        Directory.CreateDirectory(inbox);
        using var offline = new ChannelLog("offline", temp.Combine("offline"));
        var log = new RecordingLogger();
        var arrived = new List<string>();
        var watcher = new InboxWatcher(inbox, offline, new IngestTotals(), FutureLimit.None, log, arrived.Add);

        // A link to nothing sorts before the good file, as a file that vanished or one without
        // read permission may.
        File.CreateSymbolicLink(Path.Combine(inbox, "a-gone.jsonl"), temp.Combine("nowhere.jsonl"));
        File.WriteAllText(Path.Combine(inbox, "b-meters.jsonl"), ChannelWriterTests.Good("m1") + "\n");

        await watcher.PollAsync(CancellationToken.None);
        await watcher.PollAsync(CancellationToken.None);

        Assert.Equal(["inbox/b-meters.jsonl"], arrived);
        Assert.Equal([ChannelWriterTests.Good("m1")], offline.Recent.Latest(10).Select(l => Encoding.UTF8.GetString(l)));
        Assert.True(File.Exists(Path.Combine(inbox, "done", "b-meters.jsonl")));
        Assert.NotNull(new FileInfo(Path.Combine(inbox, "a-gone.jsonl")).LinkTarget);
        var (level, message) = Assert.Single(log.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, level);
        Assert.StartsWith("inbox a-gone.jsonl cannot be read, so it stays in the inbox; it is read once it can be: ", message, StringComparison.Ordinal);
    }
}
