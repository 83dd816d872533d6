using Dsl.Control.V1;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>
/// A channel written wrong in config.json spoils no other channel, and an alarm to it says what is
/// wrong (at once, as an error) instead of failing silently or claiming the channel is missing.
/// </summary>
public sealed class AlarmChannelConfigTests
{
    private static readonly AlarmEvent Alarm = new("doubler", "stopped", 1, JobStatus.Stopped, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_channel_written_wrong_does_not_hide_the_channels_after_it()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink(_ => 204);
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "legacy": "{{hook.Url}}", "ops": { "webhook": "{{hook.Url}}" } } }""");
        var log = new RecordingLogger();

        using var notifier = new AlarmNotifier(config, log);
        notifier.Notify(Alarm, ["ops", "legacy"]);

        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal("ops", hook.Bodies[0].GetProperty("channel").GetString());
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Error
            && l.Message.Contains("could not be sent to 'legacy': its entry in config.json is wrong: it is not an object", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "webhook": "ftp://127.0.0.1/alarm" }""", "\"webhook\" is not an http:// or https:// URL (\"ftp://127.0.0.1/alarm\")")]
    [InlineData("""{ "webhook": "hooks.example.com/dsl" }""", "\"webhook\" is not an http:// or https:// URL")]
    [InlineData("""{ "webhook": 8080 }""", "\"webhook\" is not an http:// or https:// URL (8080)")]
    [InlineData("""{ "email": { "smtp": "127.0.0.1:smtp", "to": ["ops@example.com"] } }""", "\"smtp\": \"127.0.0.1:smtp\" does not end in a port number")]
    [InlineData("""{ "email": "ops@example.com" }""", "\"email\" is not an object")]
    [InlineData("""{ "mail": { "to": ["ops@example.com"] } }""", "it has neither \"webhook\" nor \"email\"")]
    public async Task A_channel_written_wrong_is_reported_by_the_alarm_and_not_kept_for_later(string channel, string problem)
    {
        using var temp = new TempDirectory();
        string config = temp.Combine("config.json");
        string outbox = temp.Combine("alarms-pending.json");
        File.WriteAllText(config, $$"""{ "alarms": { "ops": {{channel}} } }""");
        var log = new RecordingLogger();

        using var notifier = new AlarmNotifier(config, log, outboxPath: outbox);
        notifier.Notify(Alarm, ["ops"]);

        // Reported at once: nothing is attempted, so nothing waits in the outbox to be tried at each start.
        var (level, message) = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("alarm of job doubler (stopped) could not be sent to 'ops': its entry in config.json is wrong: " + problem, message, StringComparison.Ordinal);
        await notifier.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(!File.Exists(outbox) || File.ReadAllText(outbox).Trim() == "[]");
    }

    [Theory]
    [InlineData("""[{ "ops": { "webhook": "http://127.0.0.1/alarm" } }]""", "an array")]
    [InlineData("\"ops\"", "a string")]
    public async Task An_alarms_section_that_is_not_an_object_is_reported_by_the_alarm_instead_of_a_missing_channel(string section, string kind)
    {
        using var temp = new TempDirectory();
        string config = temp.Combine("config.json");
        string outbox = temp.Combine("alarms-pending.json");
        File.WriteAllText(config, $$"""{ "alarms": {{section}} }""");
        var log = new RecordingLogger();

        using var notifier = new AlarmNotifier(config, log, outboxPath: outbox);
        notifier.Notify(Alarm, ["ops"]);

        var (level, message) = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains($"alarm of job doubler (stopped) could not be sent to 'ops': \"alarms\" in {config} is {kind}, not an object that names the channels", message, StringComparison.Ordinal);
        await notifier.StopAsync(TimeSpan.FromSeconds(5));
        Assert.True(!File.Exists(outbox) || File.ReadAllText(outbox).Trim() == "[]");
    }
}
