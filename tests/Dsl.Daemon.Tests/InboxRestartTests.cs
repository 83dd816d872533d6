using Dsl.Daemon.Tests.Infrastructure;

namespace Dsl.Daemon.Tests;

/// <summary>A daemon killed or stopped while it reads an inbox file ingests each of its records once in all.</summary>
public sealed class InboxRestartTests
{
    private const int Records = 300_000;

    [Fact]
    public async Task A_daemon_killed_then_stopped_while_reading_an_inbox_file_ingests_each_record_once()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string inbox = Path.Combine(data, "inbox");
        string channel = Path.Combine(data, "channels", "offline");

        using (DaemonProcess first = DaemonProcess.Start(data))
        {
            // Written under another name and renamed into place, as the inbox asks.
            File.WriteAllText(Path.Combine(data, "meters.part"), TestJobs.Lines(0, Records));
            File.Move(Path.Combine(data, "meters.part"), Path.Combine(inbox, "meters.ndjson"));

            // Killed once the channel's log has committed records (part way through the file, or
            // past it: the outcome must be the same either way).
            await WaitForLogAsync(channel, 1 << 20);
            first.Kill();
        }

        long killedAt = LogBytes(channel);
        using (DaemonProcess second = DaemonProcess.Start(data))
        {
            await WaitForLogAsync(channel, killedAt + (1 << 20));
            Assert.Equal(0, second.Terminate());
        }

        using (DaemonProcess third = DaemonProcess.Start(data))
        {
            string done = Path.Combine(inbox, "done", "meters.ndjson");
            await Eventually.WaitAsync(() => Task.FromResult(File.Exists(done)), moved => moved, "the file moved to done/");
            Assert.Equal(0, third.Terminate());
        }

        Assert.Equal(InboxResumeTests.Expected(0, Records), InboxResumeTests.Entries(channel));
    }

    /// <summary>
    /// Waits until the channel's log segments hold at least <paramref name="bytes"/> bytes and a
    /// commit record of them (FasterLog's <c>commits</c> folder), or the file has been moved.
    /// </summary>
    private static Task WaitForLogAsync(string channel, long bytes) =>
        Eventually.WaitAsync(
            () => Task.FromResult(
                (LogBytes(channel) >= bytes && Directory.Exists(Path.Combine(channel, "commits")) && Directory.EnumerateFileSystemEntries(Path.Combine(channel, "commits")).Any())
                || File.Exists(Path.Combine(channel, "..", "..", "inbox", "done", "meters.ndjson"))),
            reached => reached,
            "records in the offline channel's log");

    private static long LogBytes(string channel) =>
        Directory.Exists(channel) ? Directory.EnumerateFiles(channel, "log.*").Sum(f => new FileInfo(f).Length) : 0;
}
