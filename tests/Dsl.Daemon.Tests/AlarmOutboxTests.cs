using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>
/// The outbox that keeps alarms not yet delivered across a restart: a file that does not hold
/// pending alarms (edited by hand) is no reason not to start, but the alarms it held are lost, and
/// the log says so rather than dropping them in silence.
/// </summary>
public sealed class AlarmOutboxTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("""[{ "Id": "not a guid" }]""")]
    [InlineData("""[null]""")]
    [InlineData("""[{ "Channel": "hook" }]""")]
    public void An_outbox_file_that_holds_no_pending_alarms_starts_empty_and_the_log_says_they_are_lost(string content)
    {
        using var temp = new TempDirectory();
        string config = temp.Combine("config.json");
        string outbox = temp.Combine("alarms-pending.json");
        File.WriteAllText(config, """{ "alarms": {} }""");
        File.WriteAllText(outbox, content);
        var log = new RecordingLogger();

        using var notifier = new AlarmNotifier(config, log, outboxPath: outbox);
        notifier.Resume();

        var warning = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning);
        Assert.StartsWith($"{outbox} does not hold pending alarms (", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("): the alarms it held are not sent, and it is rewritten with the next alarm", warning.Message, StringComparison.Ordinal);
    }
}
