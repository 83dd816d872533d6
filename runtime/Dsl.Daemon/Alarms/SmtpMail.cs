using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// A minimal SMTP client (RFC 5321 without extensions): EHLO, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT. Enough for a local relay; no TLS or authentication.
/// </summary>
public static class SmtpMail
{
    /// <summary>Sends a plain-text mail.</summary>
    /// <exception cref="SmtpReplyException">The server refused a step (the message names it).</exception>
    /// <exception cref="IOException">The connection failed or closed.</exception>
    public static async Task SendAsync(EmailSettings settings, string subject, string body, CancellationToken cancellationToken)
    {
        if (settings.To.Count == 0)
        {
            throw new InvalidOperationException("the e-mail channel has no recipients");
        }

        int colon = settings.Smtp.LastIndexOf(':');
        string host = colon > 0 ? settings.Smtp[..colon] : settings.Smtp;
        int port = colon > 0 ? int.Parse(settings.Smtp[(colon + 1)..], CultureInfo.InvariantCulture) : 25;
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await using NetworkStream stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };

        await ExpectAsync(reader, "220", "greeting", cancellationToken).ConfigureAwait(false);
        await CommandAsync(writer, reader, "EHLO " + System.Net.Dns.GetHostName(), "250", cancellationToken).ConfigureAwait(false);
        await CommandAsync(writer, reader, $"MAIL FROM:<{settings.From}>", "250", cancellationToken).ConfigureAwait(false);
        foreach (string to in settings.To)
        {
            await CommandAsync(writer, reader, $"RCPT TO:<{to}>", "25", cancellationToken).ConfigureAwait(false);
        }

        await CommandAsync(writer, reader, "DATA", "354", cancellationToken).ConfigureAwait(false);
        var message = new StringBuilder();
        message.Append("From: ").Append(settings.From).Append("\r\n");
        message.Append("To: ").Append(string.Join(", ", settings.To)).Append("\r\n");
        message.Append("Subject: ").Append(subject.ReplaceLineEndings(" ")).Append("\r\n");
        message.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        message.Append("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        foreach (string line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            // Dot-stuffing: a line starting with '.' gets another, so it never ends the data.
            message.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        }

        message.Append('.');
        await CommandAsync(writer, reader, message.ToString(), "250", cancellationToken).ConfigureAwait(false);
        await CommandAsync(writer, reader, "QUIT", "221", cancellationToken).ConfigureAwait(false);
    }

    private static async Task CommandAsync(StreamWriter writer, StreamReader reader, string command, string expected, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
        await ExpectAsync(reader, expected, command.Split(' ', ':', '\r')[0], cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExpectAsync(StreamReader reader, string expected, string step, CancellationToken cancellationToken)
    {
        // A reply may span lines "250-…"; the last one has a space after the code.
        string line;
        do
        {
            line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException($"the SMTP server closed the connection at {step}");
        }
        while (line.Length > 3 && line[3] == '-');

        if (!line.StartsWith(expected, StringComparison.Ordinal))
        {
            int code = line.Length >= 3 && int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) ? parsed : 0;
            throw new SmtpReplyException(code, $"the SMTP server answered {step} with '{line}'");
        }
    }
}
