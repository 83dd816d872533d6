using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Dsl.Control.Security;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// One SMTP conversation: commands and their replies (multi-line ones included) over a connection
/// that can turn to TLS in the middle (STARTTLS), after which reading starts afresh.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private readonly NetworkStream _network;
    private SslStream? _tls;
    private StreamReader _reader;
    private StreamWriter _writer;

    public SmtpSession(NetworkStream network)
    {
        _network = network;
        (_reader, _writer) = Open(network);
    }

    public bool IsSecure => _tls is not null;

    /// <summary>
    /// Starts TLS on the connection, checking the server's certificate for <paramref name="host"/>
    /// against the system's roots and those in <paramref name="ca"/> (a PEM file), if given.
    /// </summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed or the certificate is not trusted.</exception>
    public async Task SecureAsync(string host, string? ca, CancellationToken cancellationToken)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (ca is not null)
        {
            options.RemoteCertificateValidationCallback = TlsFiles.TrustingAlso(TlsFiles.LoadRoots(ca));
        }

        var tls = new SslStream(_network, leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Whatever the cleartext reader buffered is void after the switch (RFC 3207 §4.2).
        _reader.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        _tls = tls;
        (_reader, _writer) = Open(tls);
    }

    /// <summary>EHLO; returns the extensions the server offers (STARTTLS, AUTH PLAIN LOGIN, …).</summary>
    public async Task<IReadOnlyList<string>> HelloAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> lines = await CommandAsync("EHLO " + System.Net.Dns.GetHostName(), "250", "EHLO", cancellationToken).ConfigureAwait(false);
        return [.. lines.Skip(1).Select(l => l.Length > 4 ? l[4..].Trim() : string.Empty)];
    }

    /// <summary>Sends a command and expects a reply starting with <paramref name="expected"/>; <paramref name="step"/> names it in errors (never the command, which may hold a secret).</summary>
    public async Task<IReadOnlyList<string>> CommandAsync(string command, string expected, string step, CancellationToken cancellationToken)
    {
        await _writer.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
        return await ExpectAsync(expected, step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one reply: the lines "250-…" up to the last, "250 …".</summary>
    /// <exception cref="SmtpReplyException">The reply did not start with <paramref name="expected"/>.</exception>
    public async Task<IReadOnlyList<string>> ExpectAsync(string expected, string step, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        string line;
        do
        {
            line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException($"the SMTP server closed the connection at {step}");
            lines.Add(line);
        }
        while (line.Length > 3 && line[3] == '-');

        if (!line.StartsWith(expected, StringComparison.Ordinal))
        {
            int code = line.Length >= 3 && int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
            throw new SmtpReplyException(code, $"the SMTP server answered {step} with '{line}'");
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _writer.DisposeAsync().ConfigureAwait(false);
        if (_tls is not null)
        {
            await _tls.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static (StreamReader Reader, StreamWriter Writer) Open(Stream stream) =>
        (new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true),
         new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true });
}
