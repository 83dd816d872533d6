using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Dsl.Control.Alarms;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// A small SMTP client (RFC 5321): EHLO, STARTTLS (RFC 3207) or TLS from the start, AUTH PLAIN or
/// LOGIN (RFC 4954), MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. A password is only ever
/// sent over TLS.
/// </summary>
public static class SmtpMail
{
    /// <summary>Sends a plain-text mail.</summary>
    /// <exception cref="SmtpReplyException">The server refused a step (the message names it).</exception>
    /// <exception cref="AuthenticationException">TLS failed, was required and not offered, or would be missing for a password.</exception>
    /// <exception cref="InvalidOperationException">The channel's settings are wrong (no recipients, an unknown "tls").</exception>
    /// <exception cref="IOException">The connection failed or closed.</exception>
    public static async Task SendAsync(EmailSettings settings, string subject, string body, CancellationToken cancellationToken)
    {
        if (settings.Unsendable is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        int colon = settings.Smtp.LastIndexOf(':');
        string host = colon > 0 ? settings.Smtp[..colon] : settings.Smtp;
        int port = colon > 0 ? int.Parse(settings.Smtp[(colon + 1)..], CultureInfo.InvariantCulture) : settings.Security == SmtpSecurity.Implicit ? 465 : 25;
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        await using var session = new SmtpSession(client.GetStream());
        if (settings.Security == SmtpSecurity.Implicit)
        {
            await session.SecureAsync(host, settings.Ca, cancellationToken).ConfigureAwait(false);
        }

        await session.ExpectAsync("220", "greeting", cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> extensions = await session.HelloAsync(cancellationToken).ConfigureAwait(false);
        if (!session.IsSecure && settings.Security is SmtpSecurity.Auto or SmtpSecurity.StartTls && Offers(extensions, "STARTTLS"))
        {
            await session.CommandAsync("STARTTLS", "220", "STARTTLS", cancellationToken).ConfigureAwait(false);
            await session.SecureAsync(host, settings.Ca, cancellationToken).ConfigureAwait(false);
            extensions = await session.HelloAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!session.IsSecure && settings.Security == SmtpSecurity.StartTls)
        {
            throw new AuthenticationException($"{host} does not offer STARTTLS, which the channel requires (\"tls\": \"starttls\")");
        }

        if (settings.User is { } user)
        {
            await AuthenticateAsync(session, user, Password(settings), extensions, host, cancellationToken).ConfigureAwait(false);
        }

        await session.CommandAsync($"MAIL FROM:<{settings.From}>", "250", "MAIL", cancellationToken).ConfigureAwait(false);
        foreach (string to in settings.To)
        {
            await session.CommandAsync($"RCPT TO:<{to}>", "25", "RCPT", cancellationToken).ConfigureAwait(false);
        }

        await session.CommandAsync("DATA", "354", "DATA", cancellationToken).ConfigureAwait(false);
        await session.CommandAsync(Message(settings, subject, body), "250", "the message", cancellationToken).ConfigureAwait(false);
        await QuitAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the conversation. The relay's 250 to the message took the mail (RFC 5321, 4.1.1.4): a
    /// relay that closes the connection at QUIT, refuses it or is slow to answer does not undo
    /// that, and a failure here must not send the mail again.
    /// </summary>
    private static async Task QuitAsync(SmtpSession session, CancellationToken cancellationToken)
    {
        try
        {
            await session.CommandAsync("QUIT", "221", "QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Sent all the same (a refusal of QUIT is an SmtpReplyException, an IOException).
        }
    }

    private static async Task AuthenticateAsync(SmtpSession session, string user, string password, IReadOnlyList<string> extensions, string host, CancellationToken cancellationToken)
    {
        if (!session.IsSecure)
        {
            throw new AuthenticationException($"{host} offers no TLS, and the password is never sent in the clear");
        }

        string[] mechanisms = extensions.FirstOrDefault(e => e.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase))?.Split(' ')[1..] ?? [];
        if (mechanisms.Contains("PLAIN", StringComparer.OrdinalIgnoreCase))
        {
            await session.CommandAsync("AUTH PLAIN " + Base64($"\0{user}\0{password}"), "235", "AUTH PLAIN", cancellationToken).ConfigureAwait(false);
        }
        else if (mechanisms.Contains("LOGIN", StringComparer.OrdinalIgnoreCase))
        {
            await session.CommandAsync("AUTH LOGIN", "334", "AUTH LOGIN", cancellationToken).ConfigureAwait(false);
            await session.CommandAsync(Base64(user), "334", "AUTH LOGIN (user)", cancellationToken).ConfigureAwait(false);
            await session.CommandAsync(Base64(password), "235", "AUTH LOGIN (password)", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new AuthenticationException($"{host} offers neither AUTH PLAIN nor AUTH LOGIN ({string.Join(' ', mechanisms)})");
        }
    }

    private static string Password(EmailSettings settings)
    {
        if (settings.PasswordFile is { } file)
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }

        return settings.Password ?? throw new InvalidOperationException("the e-mail channel names a user but no \"password\" or \"passwordFile\"");
    }

    private static string Message(EmailSettings settings, string subject, string body)
    {
        var message = new StringBuilder();
        message.Append("From: ").Append(settings.From).Append("\r\n");
        message.Append("To: ").Append(string.Join(", ", settings.To)).Append("\r\n");
        message.Append("Subject: ").Append(subject.ReplaceLineEndings(" ")).Append("\r\n");
        message.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        // A Message-ID lets mail clients thread and deduplicate; its domain is the sender's.
        message.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append('@').Append(DomainOf(settings.From)).Append(">\r\n");
        // The charset means something only in a MIME message; a body of names and conditions
        // beyond ASCII is sent as 8-bit text.
        message.Append("MIME-Version: 1.0\r\n");
        message.Append("Content-Type: text/plain; charset=utf-8\r\n");
        message.Append("Content-Transfer-Encoding: ").Append(Ascii.IsValid(body) ? "7bit" : "8bit").Append("\r\n\r\n");
        foreach (string line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            // Dot-stuffing: a line starting with '.' gets another, so it never ends the data.
            message.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        }

        return message.Append('.').ToString();
    }

    private static string DomainOf(string address)
    {
        int at = address.LastIndexOf('@');
        string domain = at >= 0 ? address[(at + 1)..].TrimEnd('>', ' ') : "";
        return domain.Length > 0 ? domain : "localhost";
    }

    private static bool Offers(IReadOnlyList<string> extensions, string name) =>
        extensions.Any(e => e.Equals(name, StringComparison.OrdinalIgnoreCase) || e.StartsWith(name + " ", StringComparison.OrdinalIgnoreCase));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
