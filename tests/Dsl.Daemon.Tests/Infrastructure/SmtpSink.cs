using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>
/// A one-purpose SMTP server: accepts every mail and keeps its DATA. With a certificate it offers
/// STARTTLS (or speaks TLS from the start, when implicit), and once secure, AUTH with the given
/// mechanisms, keeping the credentials it was sent.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SslStreamCertificateContext? _certificate;
    private readonly bool _implicit;
    private readonly string _mechanisms;

    public SmtpSink((X509Certificate2 Certificate, X509Certificate2Collection Intermediates)? tls = null, bool implicitTls = false, string mechanisms = "PLAIN LOGIN")
    {
        _certificate = tls is var (certificate, intermediates) ? SslStreamCertificateContext.Create(certificate, intermediates) : null;
        _implicit = implicitTls;
        _mechanisms = mechanisms;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Whether the last mail came over TLS.</summary>
    public bool ReceivedOverTls { get; private set; }

    /// <summary>The user and password of the last AUTH, and its mechanism.</summary>
    public (string Mechanism, string User, string Password)? Credentials { get; private set; }

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private int _connections;

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public TaskCompletionSource<(string[] Recipients, string Data)> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Replies to give MAIL FROM before accepting it, one per connection (e.g. "451 greylisted").</summary>
    public Queue<string> MailFromRefusals { get; } = new();

    /// <summary>The reply to QUIT; null to close the connection without one, as some relays do.</summary>
    public string? QuitReply { get; set; } = "221 bye";

    /// <summary>How many times a client said MAIL FROM.</summary>
    public int MailFromCount => Volatile.Read(ref _mailFromCount);

    private int _mailFromCount;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                try
                {
                    await ServeAsync(client);
                }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client went away or refused the certificate: serve the next one.
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        Interlocked.Increment(ref _connections);
        await using NetworkStream network = client.GetStream();
        Stream stream = network;
        SslStream? tls = null;
        if (_implicit && _certificate is not null)
        {
            tls = new SslStream(network, leaveInnerStreamOpen: true);
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _certificate });
            stream = tls;
        }

        var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
        var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            var recipients = new List<string>();
            await writer.WriteLineAsync("220 test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("EHLO", StringComparison.Ordinal))
                {
                    await writer.WriteLineAsync("250-test");
                    if (tls is null && _certificate is not null)
                    {
                        await writer.WriteLineAsync("250-STARTTLS");
                    }

                    if (tls is not null)
                    {
                        await writer.WriteLineAsync($"250-AUTH {_mechanisms}");
                    }

                    await writer.WriteLineAsync("250 OK");
                }
                else if (line == "STARTTLS" && tls is null && _certificate is not null)
                {
                    await writer.WriteLineAsync("220 go ahead");
                    tls = new SslStream(network, leaveInnerStreamOpen: true);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _certificate });
                    reader = new StreamReader(tls, Encoding.UTF8, false, 1024, leaveOpen: true);
                    writer = new StreamWriter(tls, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
                }
                else if (line.StartsWith("AUTH PLAIN ", StringComparison.Ordinal))
                {
                    string[] parts = Decode(line[11..]).Split('\0');
                    Credentials = ("PLAIN", parts[1], parts[2]);
                    await writer.WriteLineAsync("235 accepted");
                }
                else if (line == "AUTH LOGIN")
                {
                    await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                    string user = Decode(await reader.ReadLineAsync() ?? string.Empty);
                    await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                    Credentials = ("LOGIN", user, Decode(await reader.ReadLineAsync() ?? string.Empty));
                    await writer.WriteLineAsync("235 accepted");
                }
                else if (line.StartsWith("RCPT TO:", StringComparison.Ordinal))
                {
                    recipients.Add(line[8..].Trim('<', '>'));
                    await writer.WriteLineAsync("250 OK");
                }
                else if (line == "DATA")
                {
                    await writer.WriteLineAsync("354 go on");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } text && text != ".")
                    {
                        data.AppendLine(text);
                    }

                    await writer.WriteLineAsync("250 queued");
                    ReceivedOverTls = tls is not null;
                    Received.TrySetResult(([.. recipients], data.ToString()));
                }
                else if (line.StartsWith("MAIL FROM:", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _mailFromCount);
                    if (MailFromRefusals.TryDequeue(out string? refusal))
                    {
                        await writer.WriteLineAsync(refusal);
                        return;
                    }

                    await writer.WriteLineAsync("250 OK");
                }
                else if (line == "QUIT")
                {
                    if (QuitReply is { } reply)
                    {
                        await writer.WriteLineAsync(reply);
                    }

                    return;
                }
                else
                {
                    await writer.WriteLineAsync("250 OK");
                }
            }
        }
        finally
        {
            reader.Dispose();
            await writer.DisposeAsync();
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }
        }
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
