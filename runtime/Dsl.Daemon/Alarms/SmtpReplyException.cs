namespace Dsl.Daemon.Alarms;

/// <summary>An SMTP server refused a step with <see cref="Code"/> (4xx: try again later; 5xx: do not; 0: no code in the reply).</summary>
public sealed class SmtpReplyException(int code, string message) : IOException(message)
{
    public int Code { get; } = code;
}
