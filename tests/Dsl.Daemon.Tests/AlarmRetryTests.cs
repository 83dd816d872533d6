using System.Globalization;
using System.Text;
using System.Text.Json;
using Dsl.Control.V1;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Tests;

/// <summary>
/// Alarm deliveries try again after a failure that may pass (an HTTP 5xx, an SMTP 4xx, no
/// connection), up to the retry delays, and never after one that will not (an HTTP 4xx, an SMTP
/// 5xx). Short delays here; the daemon waits 1, 5 and 30 seconds.
/// </summary>
public sealed class AlarmRetryTests
{
    private static readonly TimeSpan[] ShortDelays = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20)];

    private static readonly AlarmEvent Alarm = new("doubler", "errors > 0 per 1m", 3, JobStatus.Running, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Waits for the line that ends a delivery to <paramref name="channel"/>: sent, or refused for
    /// good. Nothing is tried after it, so a test can count attempts without waiting for more.
    /// </summary>
    private static Task DeliveryEndedAsync(RecordingLogger log, string channel) =>
        Eventually.WaitAsync(
            () => Task.FromResult(log.Lines),
            lines => lines.Any(l => l.Message.Contains($"sent to '{channel}' (attempt", StringComparison.Ordinal) && !l.Message.Contains("trying again", StringComparison.Ordinal)),
            $"the delivery to '{channel}' to end");

    [Theory]
    [InlineData(new[] { 503, 502, 204 }, 3, null)] // passes on the third attempt
    [InlineData(new[] { 429, 204 }, 2, null)]
    [InlineData(new[] { 503, 503, 503, 503, 503, 503 }, 4, "'hook': every attempt failed (4): ")] // gives up after the last delay
    [InlineData(new[] { 400, 204 }, 1, "'hook': refused: ")] // a refusal is final
    [InlineData(new[] { 404, 204 }, 1, "'hook': refused: ")]
    // A redirect is not followed (a 302 would be followed as a GET without the body, and count as sent).
    [InlineData(new[] { 302, 204 }, 1, "'hook': refused: the webhook answered 302 (Found), a redirect, which is not followed: configure the URL it names in config.json")]
    public async Task A_webhook_is_tried_again_only_while_its_failure_may_pass(int[] statuses, int expectedRequests, string? gaveUp)
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink(n => statuses[Math.Min(n, statuses.Length - 1)]);
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{hook.Url}}" } } }""");

        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, ShortDelays);
        UndeliveredChannels undelivered = notifier.Notify(Alarm, ["hook"]);

        // Its last line ends the delivery: no attempt can follow it.
        await DeliveryEndedAsync(log, "hook");
        Assert.Equal(expectedRequests, hook.Bodies.Length);
        Assert.All(hook.Bodies, b => Assert.Equal("doubler", b.GetProperty("job").GetString()));
        // A delivery that gave up is one Jobs.Get shows as not delivered, and why.
        if (gaveUp is null)
        {
            Assert.Empty(undelivered.Snapshot());
        }
        else
        {
            Assert.StartsWith(gaveUp, Assert.Single(undelivered.Snapshot()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_webhook_body_is_sent_with_its_length_not_in_chunks()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink();
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{hook.Url}}" } } }""");

        using var notifier = new AlarmNotifier(config, NullLogger.Instance, ShortDelays);
        notifier.Notify(Alarm, ["hook"]);

        JsonElement body = await hook.WaitForConditionAsync("errors > 0 per 1m", TimeSpan.FromSeconds(30));
        Assert.Equal(Encoding.UTF8.GetByteCount(body.GetRawText()).ToString(CultureInfo.InvariantCulture), Assert.Single(hook.ContentLengths));
    }

    [Fact]
    public async Task An_alarm_raised_while_config_json_cannot_be_read_is_sent_once_it_can()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink(_ => 204);
        string config = temp.Combine("config.json");
        File.WriteAllText(config, """{ "alarms": { "hook": """); // half written, as mid-edit

        using var notifier = new AlarmNotifier(config, NullLogger.Instance, [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)]);
        notifier.Notify(Alarm, ["hook"]);
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{hook.Url}}" } } }""");

        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal("doubler", Assert.Single(hook.Bodies).GetProperty("job").GetString());
    }

    /// <summary>
    /// The outbox makes an alarm survive a restart; a disk that cannot keep it (full, read-only)
    /// costs that, not the alarm: it is sent, and the log says it was not kept.
    /// </summary>
    [Fact]
    public async Task An_alarm_the_outbox_cannot_keep_is_still_sent()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink(_ => 204);
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{hook.Url}}" }, "other": { "webhook": "{{hook.Url}}" } } }""");

        // The outbox's temporary file cannot be created where a folder has its name.
        string outbox = temp.Combine("alarms-pending.json");
        Directory.CreateDirectory(outbox + ".tmp");
        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, ShortDelays, outbox);
        notifier.Notify(Alarm, ["hook", "other"]);

        await hook.WaitForCountAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(["hook", "other"], hook.Bodies.Select(b => b.GetProperty("channel").GetString()).Order());
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning
            && l.Message.Contains("alarm of job doubler (errors > 0 per 1m) for 'hook' is sent but not kept in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_mail_greylisted_with_a_4xx_is_sent_on_the_next_attempt_and_a_5xx_is_final()
    {
        using var temp = new TempDirectory();
        using var greylisting = new SmtpSink();
        greylisting.MailFromRefusals.Enqueue("451 4.7.1 greylisted, try again later");
        using var refusing = new SmtpSink();
        refusing.MailFromRefusals.Enqueue("550 5.7.1 relaying denied");
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""
            { "alarms": {
                "later": { "email": { "smtp": "127.0.0.1:{{greylisting.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"] } },
                "never": { "email": { "smtp": "127.0.0.1:{{refusing.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"] } } } }
            """);

        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, ShortDelays);
        notifier.Notify(Alarm, ["later", "never"]);

        var (recipients, _) = await greylisting.Received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["oncall@example.com"], recipients);
        await DeliveryEndedAsync(log, "later");
        await DeliveryEndedAsync(log, "never");
        Assert.Equal(2, greylisting.MailFromCount);
        Assert.Equal(1, refusing.MailFromCount);
        Assert.False(refusing.Received.Task.IsCompleted);
    }

    [Theory]
    [InlineData(null)] // the connection closed without a reply
    [InlineData("500 5.5.1 unrecognized command")]
    public async Task A_mail_the_relay_took_is_sent_once_whatever_it_answers_to_QUIT(string? quitReply)
    {
        using var temp = new TempDirectory();
        using var relay = new SmtpSink { QuitReply = quitReply };
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "mail": { "email": { "smtp": "127.0.0.1:{{relay.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"] } } } }""");

        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, ShortDelays);
        notifier.Notify(Alarm, ["mail"]);

        await DeliveryEndedAsync(log, "mail");
        var (level, message) = Assert.Single(log.Lines);
        Assert.Equal((LogLevel.Information, "alarm of job doubler (errors > 0 per 1m) sent to 'mail' (attempt 1)"), (level, message));
        Assert.Equal(1, relay.MailFromCount);
        Assert.Equal(0, notifier.PendingDeliveries("doubler", "errors > 0 per 1m", ["mail"]));
    }

    [Fact]
    public async Task An_endpoint_that_is_not_listening_yet_is_tried_again()
    {
        using var temp = new TempDirectory();
        // Bound but not listening: connections are refused, and no other test can take the port.
        var placeholder = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        placeholder.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)placeholder.LocalEndPoint!).Port;
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "http://127.0.0.1:{{port}}/alarm" } } }""");
        var delays = new[] { TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) };
        var log = new RecordingLogger();

        using var notifier = new AlarmNotifier(config, log, delays);
        notifier.Notify(Alarm, ["hook"]);

        // The first attempt finds the port closed; the endpoint comes up after it, before the last.
        await Eventually.WaitAsync(() => Task.FromResult(log.Lines), l => l.Any(x => x.Message.Contains("(attempt 1); trying again", StringComparison.Ordinal)), "the first attempt to fail");
        placeholder.Dispose();
        using var hook = new WebhookSink(port: port);
        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        Assert.Equal("doubler", hook.Bodies[0].GetProperty("job").GetString());
    }

    [Fact]
    public async Task A_retry_still_waiting_when_the_daemon_stops_is_reported_as_stopped_not_as_failed()
    {
        using var temp = new TempDirectory();
        using var hook = new WebhookSink(_ => 503);
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{hook.Url}}" } } }""");
        var log = new RecordingLogger();
        var notifier = new AlarmNotifier(config, log, [TimeSpan.FromMinutes(5)]);
        notifier.Notify(Alarm, ["hook"]);
        await hook.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await Eventually.WaitAsync(() => Task.FromResult(log.Lines), l => l.Any(x => x.Message.Contains("trying again", StringComparison.Ordinal)), "the first failure");

        // Far sooner than the five-minute wait: stopping ends it, and returns once it is reported.
        await notifier.StopAsync(TimeSpan.FromSeconds(10)).WaitAsync(TimeSpan.FromSeconds(20));
        notifier.Dispose();

        var lines = log.Lines;
        Assert.Equal(2, lines.Length);
        var (level, message) = lines[^1];
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("was not sent to 'hook': the daemon stopped after attempt 1", message, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Level == LogLevel.Error);
        Assert.Single(hook.Bodies);
    }

    [Fact]
    public async Task A_delivery_the_daemon_stopped_or_crashed_before_is_sent_at_the_next_start_and_only_then()
    {
        using var temp = new TempDirectory();
        using var down = new WebhookSink(_ => 503);
        string config = temp.Combine("config.json");
        string outbox = temp.Combine("alarms-pending.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{down.Url}}" } } }""");
        var stopped = new AlarmNotifier(config, NullLogger.Instance, [TimeSpan.FromMinutes(5)], outbox);
        stopped.Notify(Alarm, ["hook"]);
        await down.WaitForCountAsync(1, TimeSpan.FromSeconds(30));
        await stopped.StopAsync(TimeSpan.FromSeconds(10));
        stopped.Dispose();

        // A crash leaves the outbox as it was written before the first attempt: a second alarm
        // whose notifier is never stopped stands for it.
        var crashed = new AlarmNotifier(config, NullLogger.Instance, [TimeSpan.FromMinutes(5)], outbox);
        var second = Alarm with { Condition = "lag > 5m" };
        crashed.Notify(second, ["hook"]);
        await down.WaitForCountAsync(2, TimeSpan.FromSeconds(30));

        // The next start, with the endpoint back (config.json read afresh).
        using var up = new WebhookSink(_ => 204);
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "{{up.Url}}" } } }""");
        using var next = new AlarmNotifier(config, NullLogger.Instance, ShortDelays, outbox);
        next.Resume();

        await up.WaitForCountAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(["errors > 0 per 1m", "lag > 5m"], up.Bodies.Select(b => b.GetProperty("condition").GetString()).Order(StringComparer.Ordinal));
        await Eventually.WaitAsync(() => Task.FromResult(File.ReadAllText(outbox)), text => text.Trim() == "[]", "the outbox to empty");

        // Sent, they are not sent again by a later start: it resumes nothing (each resumed delivery
        // is logged before it starts).
        var laterLog = new RecordingLogger();
        using var later = new AlarmNotifier(config, laterLog, ShortDelays, outbox);
        later.Resume();
        Assert.Empty(laterLog.Lines);
        Assert.Equal(2, up.Bodies.Length);
        crashed.Dispose();
    }

    /// <summary>An attempt its timeout cuts off is tried again, and says it had no answer, not that it was "canceled".</summary>
    [Fact]
    public async Task An_attempt_without_an_answer_times_out_and_says_so()
    {
        using var temp = new TempDirectory();
        // An endpoint that takes every connection and never answers.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var connections = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    connections.Add(await silent.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }
        });
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "http://127.0.0.1:{{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}}/alarm" } } }""");
        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, ShortDelays, attemptTimeout: TimeSpan.FromMilliseconds(200));

        UndeliveredChannels undelivered = notifier.Notify(Alarm, ["hook"]);
        await Eventually.WaitAsync(() => Task.FromResult(undelivered.Snapshot()), reasons => reasons.Count == 1, "the delivery to give up");
        silent.Stop();

        Assert.Equal("'hook': every attempt failed (4): no answer within 200 ms", Assert.Single(undelivered.Snapshot()));
        Assert.Equal(3, log.Lines.Count(l => l.Message.Contains("trying again", StringComparison.Ordinal) && l.Message.Contains("no answer within 200 ms", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_attempt_in_flight_when_the_daemon_stops_ends_at_once_and_says_so()
    {
        using var temp = new TempDirectory();

        // An endpoint that takes the request and never answers (the attempt's own timeout is 10 s).
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        Task<System.Net.Sockets.TcpClient> accepted = silent.AcceptTcpClientAsync();
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "http://127.0.0.1:{{port}}/alarm" } } }""");
        var log = new RecordingLogger();
        var notifier = new AlarmNotifier(config, log, ShortDelays);
        notifier.Notify(Alarm, ["hook"]);
        using System.Net.Sockets.TcpClient connection = await accepted.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await notifier.StopAsync(TimeSpan.FromSeconds(10));
        notifier.Dispose();
        silent.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopping.Elapsed}");
        var (level, message) = Assert.Single(log.Lines);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains("was not sent to 'hook': the daemon stopped during attempt 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_whose_certificate_is_not_trusted_is_not_tried_again_and_the_log_says_why()
    {
        using var temp = new TempDirectory();
        (_, string certificateFile, string keyFile) = PrivateCa.Issue(temp.Path);
        var (certificate, _) = Dsl.Control.Security.TlsFiles.LoadServer(certificateFile, keyFile);
        using (certificate)
        {
            // An HTTPS endpoint whose certificate comes from a CA the system does not trust: it only counts handshakes.
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int handshakes = 0;
            _ = Task.Run(async () =>
            {
                while (true)
                {
                    using System.Net.Sockets.TcpClient client = await listener.AcceptTcpClientAsync();
                    Interlocked.Increment(ref handshakes);
                    await using var tls = new System.Net.Security.SslStream(client.GetStream());
                    try
                    {
                        await tls.AuthenticateAsServerAsync(certificate);
                    }
                    catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                    {
                        // The client refuses the certificate.
                    }
                }
            });
            string config = temp.Combine("config.json");
            File.WriteAllText(config, $$"""{ "alarms": { "hook": { "webhook": "https://localhost:{{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}}/alarm" } } }""");
            var log = new RecordingLogger();

            using (var notifier = new AlarmNotifier(config, log, ShortDelays))
            {
                notifier.Notify(Alarm, ["hook"]);
                // The error ends the delivery: no attempt can follow it.
                await Eventually.WaitAsync(() => Task.FromResult(log.Lines), l => l.Any(x => x.Level == LogLevel.Error), "the delivery to give up");
            }

            listener.Stop();
            Assert.Equal(1, Volatile.Read(ref handshakes));
            var (level, message) = Assert.Single(log.Lines);
            Assert.Equal(LogLevel.Error, level);
            Assert.Contains("(attempt 1, no more): The SSL connection could not be established: ", message, StringComparison.Ordinal);
            Assert.Contains("The remote certificate is invalid", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_mail_writes_the_value_the_same_under_any_locale()
    {
        using var temp = new TempDirectory();
        using var relay = new SmtpSink();
        string config = temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "mail": { "email": { "smtp": "127.0.0.1:{{relay.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"] } } } }""");
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var notifier = new AlarmNotifier(config, NullLogger.Instance, ShortDelays);
            notifier.Notify(Alarm with { Condition = "lag > 5m", Value = 330.5 }, ["mail"]);

            var (_, mail) = await relay.Received.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Contains("(value 330.5)", mail, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
