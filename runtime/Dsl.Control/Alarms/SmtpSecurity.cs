namespace Dsl.Control.Alarms;

/// <summary>How an e-mail channel protects its connection (<c>"tls"</c> in config.json).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (<c>"auto"</c>, the default); a password is never sent without it.</summary>
    Auto,

    /// <summary>STARTTLS or nothing is sent (<c>"starttls"</c>, e.g. port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (<c>"implicit"</c>, port 465).</summary>
    Implicit,

    /// <summary>Cleartext even when the server offers TLS (<c>"none"</c>): a relay on this host.</summary>
    None,
}
