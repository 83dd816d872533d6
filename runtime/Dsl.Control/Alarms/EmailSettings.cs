namespace Dsl.Control.Alarms;

/// <summary>An e-mail alarm channel: the SMTP server (<c>host:port</c>), the sender and the recipients.</summary>
public sealed record EmailSettings(string Smtp, string From, IReadOnlyList<string> To)
{
    /// <summary>STARTTLS, implicit TLS or cleartext.</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;

    /// <summary>The account for SMTP AUTH; none when null.</summary>
    public string? User { get; init; }

    /// <summary>The account's password, given in config.json (<c>"password"</c>).</summary>
    public string? Password { get; init; }

    /// <summary>A file holding the password (<c>"passwordFile"</c>), read at each send, so config.json need not hold it.</summary>
    public string? PasswordFile { get; init; }

    /// <summary>PEM certificates to trust for the server besides the system's (<c>"ca"</c>).</summary>
    public string? Ca { get; init; }

    /// <summary>What is wrong with the channel's settings, reported when an alarm tries it; null when nothing.</summary>
    public string? Problem { get; init; }

    /// <summary>Why no mail can be sent with these settings (a <see cref="Problem"/>, or no recipients); null when one can.</summary>
    public string? Unsendable => Problem ?? (To.Count == 0 ? "the e-mail channel has no recipients" : null);
}
