namespace Dsl.Daemon.Alarms;

/// <summary>An e-mail alarm channel: the SMTP server (<c>host:port</c>), the sender and the recipients.</summary>
public sealed record EmailSettings(string Smtp, string From, IReadOnlyList<string> To);
