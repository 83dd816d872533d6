using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// Sends alarms to the channels named in <c>DATA/config.json</c> under <c>"alarms"</c>: a
/// <c>webhook</c> gets a JSON POST, an <c>email</c> channel a mail over SMTP. Deliveries run in the
/// background with a timeout, so a slow endpoint never holds the daemon; failures are logged.
/// </summary>
public sealed class AlarmNotifier : IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);
    private readonly string _configPath;
    private readonly ILogger _log;
    private readonly HttpClient _http = new() { Timeout = _timeout };

    /// <summary>Reads channels from <paramref name="configPath"/> at each alarm, so edits count at once.</summary>
    public AlarmNotifier(string configPath, ILogger log)
    {
        _configPath = configPath;
        _log = log;
    }

    /// <summary>Sends <paramref name="alarm"/> to each named channel, in the background.</summary>
    public void Notify(AlarmEvent alarm, IEnumerable<string> channels)
    {
        Dictionary<string, AlarmChannel> configured = AlarmChannel.Load(_configPath);
        foreach (string name in channels)
        {
            if (!configured.TryGetValue(name, out AlarmChannel? channel))
            {
                _log.LogWarning("alarm of job {Job} ({Condition}): no channel '{Channel}' in config.json", alarm.Job, alarm.Condition, name);
                continue;
            }

            _ = DeliverAsync(alarm, name, channel);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task DeliverAsync(AlarmEvent alarm, string name, AlarmChannel channel)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_timeout);
            if (channel.Webhook is { } url)
            {
                var body = new
                {
                    job = alarm.Job,
                    condition = alarm.Condition,
                    value = alarm.Value,
                    status = alarm.Status.ToString().ToLowerInvariant(),
                    time = alarm.Time.ToString("O"),
                    channel = name,
                };
                using HttpResponseMessage response = await _http.PostAsJsonAsync(url, body, timeout.Token).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
            }
            else if (channel.Email is { } email)
            {
                string subject = $"[dsl] alarm: job {alarm.Job}: {alarm.Condition}";
                string text = $"Job {alarm.Job} ({alarm.Status.ToString().ToLowerInvariant()}) raised the alarm '{alarm.Condition}' at {alarm.Time:O} (value {alarm.Value}).";
                await SmtpMail.SendAsync(email, subject, text, timeout.Token).ConfigureAwait(false);
            }

            _log.LogInformation("alarm of job {Job} ({Condition}) sent to '{Channel}'", alarm.Job, alarm.Condition, name);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or InvalidOperationException or System.Net.Sockets.SocketException or JsonException)
        {
            _log.LogError("alarm of job {Job} ({Condition}) could not be sent to '{Channel}': {Error}", alarm.Job, alarm.Condition, name, e.Message);
        }
    }
}
