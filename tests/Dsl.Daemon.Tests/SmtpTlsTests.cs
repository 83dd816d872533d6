using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Dsl.Control.Alarms;
using Dsl.Control.Security;
using Dsl.Daemon.Alarms;
using Dsl.Daemon.Tests.Infrastructure;
using Dsl.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dsl.Daemon.Tests;

/// <summary>
/// E-mail alarms over STARTTLS or implicit TLS with SMTP AUTH, against a relay with a certificate
/// from a private CA; a password never goes out in the clear, and a required TLS is never skipped.
/// </summary>
public sealed class SmtpTlsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _ca;
    private readonly (X509Certificate2 Certificate, X509Certificate2Collection Intermediates) _certificate;

    public SmtpTlsTests()
    {
        (string ca, string certificate, string key) = PrivateCa.Issue(_temp.Path);
        _ca = ca;
        _certificate = TlsFiles.LoadServer(certificate, key);
    }

    public void Dispose()
    {
        _certificate.Certificate.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task Starttls_is_used_when_offered_and_the_password_goes_over_it()
    {
        using var relay = new SmtpSink(_certificate);

        await SmtpMail.SendAsync(Settings(relay) with { User = "ops", Password = "s3cret" }, "subject", "body", Timeout());

        await relay.Received.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(relay.ReceivedOverTls);
        Assert.Equal(("PLAIN", "ops", "s3cret"), relay.Credentials);
    }

    [Fact]
    public async Task Implicit_tls_with_auth_login_and_the_password_from_a_file()
    {
        using var relay = new SmtpSink(_certificate, implicitTls: true, mechanisms: "LOGIN");
        string passwordFile = _temp.Combine("smtp.password");
        File.WriteAllText(passwordFile, "from-a-file\n");

        await SmtpMail.SendAsync(Settings(relay) with { Security = SmtpSecurity.Implicit, User = "ops", PasswordFile = passwordFile }, "subject", "body", Timeout());

        await relay.Received.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(relay.ReceivedOverTls);
        Assert.Equal(("LOGIN", "ops", "from-a-file"), relay.Credentials);
    }

    [Fact]
    public async Task A_password_is_not_sent_to_a_relay_without_tls()
    {
        using var relay = new SmtpSink();

        var refused = await Assert.ThrowsAsync<AuthenticationException>(() => SmtpMail.SendAsync(Settings(relay) with { User = "ops", Password = "s3cret" }, "subject", "body", Timeout()));

        Assert.Contains("never sent in the clear", refused.Message, StringComparison.Ordinal);
        Assert.Null(relay.Credentials);
        Assert.Equal(0, relay.MailFromCount);
    }

    [Fact]
    public async Task A_required_starttls_that_is_not_offered_sends_nothing()
    {
        using var relay = new SmtpSink();

        var refused = await Assert.ThrowsAsync<AuthenticationException>(() => SmtpMail.SendAsync(Settings(relay) with { Security = SmtpSecurity.StartTls }, "subject", "body", Timeout()));

        Assert.Contains("does not offer STARTTLS", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, relay.MailFromCount);
    }

    [Fact]
    public async Task A_certificate_the_channel_does_not_trust_ends_the_delivery_for_good()
    {
        using var relay = new SmtpSink(_certificate);
        string config = _temp.Combine("config.json");
        File.WriteAllText(config, $$"""{ "alarms": { "mail": { "email": { "smtp": "127.0.0.1:{{relay.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"], "user": "ops", "password": "s3cret" } } } }""");
        var log = new RecordingLogger();
        using var notifier = new AlarmNotifier(config, log, [TimeSpan.FromMilliseconds(20)]);

        notifier.Notify(new AlarmEvent("doubler", "errors > 0 per 1m", 3, Control.V1.JobStatus.Running, DateTimeOffset.UnixEpoch), ["mail"]);

        var lines = await Eventually.WaitAsync(() => Task.FromResult(log.Lines), l => l.Length > 0, "the delivery to end", seconds: 30);
        Assert.Contains("(attempt 1, no more)", lines[0].Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(1, relay.Connections);
        Assert.Null(relay.Credentials);
    }

    [Fact]
    public async Task Tls_none_stays_in_the_clear_and_an_unknown_tls_setting_is_reported()
    {
        using var relay = new SmtpSink(_certificate);
        string config = _temp.Combine("config.json");
        File.WriteAllText(config, $$"""
            { "alarms": {
                "local": { "email": { "smtp": "127.0.0.1:{{relay.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"], "tls": "none" } },
                "typo": { "email": { "smtp": "127.0.0.1:{{relay.Port}}", "from": "dsl@example.com", "to": ["oncall@example.com"], "tls": "startls" } } } }
            """);
        var channels = AlarmChannel.Load(config);

        await SmtpMail.SendAsync(channels["local"].Email!, "subject", "body", Timeout());
        var typo = await Assert.ThrowsAsync<InvalidOperationException>(() => SmtpMail.SendAsync(channels["typo"].Email!, "subject", "body", Timeout()));

        Assert.False(relay.ReceivedOverTls);
        Assert.Equal(SmtpSecurity.StartTls, channels["typo"].Email!.Security); // the strictest reading, were it used
        Assert.Equal("\"tls\": \"startls\" is not one of auto, starttls, implicit, none", typo.Message);
        Assert.Equal(1, relay.Connections);
    }

    private EmailSettings Settings(SmtpSink relay) =>
        new($"127.0.0.1:{relay.Port}", "dsl@example.com", ["oncall@example.com"]) { Ca = _ca };

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
