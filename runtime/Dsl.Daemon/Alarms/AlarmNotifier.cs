using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dsl.Control.Alarms;
using Microsoft.Extensions.Logging;

namespace Dsl.Daemon.Alarms;

/// <summary>
/// Sends alarms to the channels named in <c>DATA/config.json</c> under <c>"alarms"</c>: a
/// <c>webhook</c> gets a JSON POST, an <c>email</c> channel a mail over SMTP. Deliveries run in the
/// background with a timeout per attempt, so a slow endpoint never holds the daemon. A failure
/// that may pass (no connection, a timeout, an HTTP 5xx, 408 or 429, an SMTP 4xx reply) is retried
/// after each of the retry delays in turn; one that will not (any other HTTP or SMTP refusal, a
/// TLS failure, a channel without recipients) is not. Every failure is logged. Disposing the notifier (the daemon
/// stopping) ends the waits: a delivery still due an attempt says so instead of trying. Deliveries
/// not done are kept in an <see cref="AlarmOutbox"/>, which the next start sends (<see cref="Resume"/>).
/// </summary>
public sealed class AlarmNotifier : IDisposable
{
    /// <summary>How long an attempt may take before it counts as failed (and may be tried again).</summary>
    public static TimeSpan DefaultAttemptTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The waits before the second, third and fourth attempt: an endpoint restarting or a relay greylisting gets about half a minute.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    private readonly string _configPath;
    private readonly ILogger _log;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    // Redirects are not followed: HttpClient would follow a 302 with a GET without the body, and
    // the alarm would count as sent.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly TimeSpan _timeout;

    // Never disposed: deliveries still waiting read its token after the notifier is gone.
    private readonly CancellationTokenSource _stopping = new();

    // Deliveries under way, so that stopping can wait for their last log line.
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    private readonly AlarmOutbox _outbox;

    /// <summary>
    /// Reads channels from <paramref name="configPath"/> at each alarm, so edits count at once; keeps
    /// the deliveries not yet done in <paramref name="outboxPath"/> (in memory only when null).
    /// </summary>
    public AlarmNotifier(string configPath, ILogger log, IReadOnlyList<TimeSpan>? retryDelays = null, string? outboxPath = null, TimeSpan? attemptTimeout = null)
    {
        _configPath = configPath;
        _log = log;
        _retryDelays = retryDelays ?? DefaultRetryDelays;
        _timeout = attemptTimeout ?? DefaultAttemptTimeout;
        _outbox = new AlarmOutbox(outboxPath, log);
    }

    /// <summary>
    /// Sends <paramref name="alarm"/> to each channel its rule names (<paramref name="channels"/>), in
    /// the background; once to a channel named twice. Returns the channels it did not reach, each
    /// with why, as <c>Jobs.Get</c> shows them: at once those it cannot be sent to at all (not in
    /// config.json, or its entry wrong), later those whose delivery gives up.
    /// </summary>
    public UndeliveredChannels Notify(AlarmEvent alarm, IReadOnlyList<string> channels)
    {
        Dictionary<string, AlarmChannel> configured = AlarmChannel.Load(_configPath, out string? unreadable, out string? wrongSection);
        var undelivered = new UndeliveredChannels();
        foreach (string name in channels.Distinct(StringComparer.Ordinal))
        {
            if (!configured.TryGetValue(name, out AlarmChannel? channel))
            {
                if (unreadable is not null)
                {
                    // Most likely being edited: read it again shortly, and keep the alarm meanwhile.
                    Track(DeliverWhenReadableAsync(_outbox.Add(alarm, name, channels), unreadable));
                }
                else
                {
                    LogNotConfigured(alarm, name, wrongSection);
                    undelivered.Add(wrongSection is null ? $"no channel '{name}' in config.json" : $"'{name}': {wrongSection}");
                }
            }
            else if (channel.Unusable is { } problem)
            {
                LogMisconfigured(alarm, name, problem);
                undelivered.Add($"'{name}': its entry in config.json is wrong: {problem}");
            }
            else
            {
                Track(DeliverAsync(_outbox.Add(alarm, name, channels), channel, undelivered));
            }
        }

        return undelivered;
    }

    /// <summary>How many deliveries of the job's alarm <paramref name="condition"/> whose rule names <paramref name="channels"/> are not done yet.</summary>
    public int PendingDeliveries(string job, string condition, IReadOnlyCollection<string> channels) =>
        _outbox.Pending().Count(p => p.IsOf(job, condition, channels));

    /// <summary>
    /// Sends, in the background, the deliveries a previous run of the daemon left undone (it stopped
    /// or crashed first). At least once: one cut off in the middle of an attempt may arrive twice.
    /// </summary>
    public void Resume()
    {
        IReadOnlyList<PendingAlarm> left = _outbox.Pending();
        if (left.Count == 0)
        {
            return;
        }

        Dictionary<string, AlarmChannel> configured = AlarmChannel.Load(_configPath, out string? unreadable, out string? wrongSection);
        foreach (PendingAlarm pending in left)
        {
            if (unreadable is not null)
            {
                Track(DeliverWhenReadableAsync(pending, unreadable));
            }
            else if (configured.TryGetValue(pending.Channel, out AlarmChannel? channel) && channel.Unusable is { } problem)
            {
                LogMisconfigured(pending.Alarm, pending.Channel, problem);
                _outbox.Remove(pending);
            }
            else if (channel is not null)
            {
                _log.LogInformation("alarm of job {Job} ({Condition}) to '{Channel}' was not sent before the daemon stopped: sending it now", pending.Alarm.Job, pending.Alarm.Condition, pending.Channel);
                Track(DeliverAsync(pending, channel));
            }
            else if (wrongSection is not null)
            {
                LogNotConfigured(pending.Alarm, pending.Channel, wrongSection);
                _outbox.Remove(pending);
            }
            else
            {
                _log.LogWarning("alarm of job {Job} ({Condition}) left unsent: no channel '{Channel}' in config.json any more", pending.Alarm.Job, pending.Alarm.Condition, pending.Channel);
                _outbox.Remove(pending);
            }
        }
    }

    /// <summary>
    /// Ends every delivery: waits to try again and attempts in flight stop, and each says so in the
    /// log; waits at most <paramref name="grace"/> for those lines.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_pending.Keys).WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A delivery stuck past the grace: the daemon stops without its last line.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Cancel();
        _http.Dispose();
    }

    /// <summary>A channel whose entry in config.json is wrong gets nothing until it is mended: trying again would not help.</summary>
    private void LogMisconfigured(AlarmEvent alarm, string name, string problem) =>
        _log.LogError("alarm of job {Job} ({Condition}) could not be sent to '{Channel}': its entry in config.json is wrong: {Problem}", alarm.Job, alarm.Condition, name, problem);

    /// <summary>
    /// A channel config.json does not name: missing, or every channel unusable because the
    /// <c>"alarms"</c> section is not an object, which then is what is wrong and is logged as an error.
    /// </summary>
    private void LogNotConfigured(AlarmEvent alarm, string name, string? wrongSection)
    {
        if (wrongSection is null)
        {
            _log.LogWarning("alarm of job {Job} ({Condition}): no channel '{Channel}' in config.json", alarm.Job, alarm.Condition, name);
        }
        else
        {
            _log.LogError("alarm of job {Job} ({Condition}) could not be sent to '{Channel}': {Problem}", alarm.Job, alarm.Condition, name, wrongSection);
        }
    }

    private void Track(Task delivery)
    {
        _pending.TryAdd(delivery, 0);
        delivery.ContinueWith(done => _pending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Delivers a pending alarm once config.json can be read again, reading it after each retry
    /// delay. Still unreadable after the last, the alarm stays in the outbox for the next start.
    /// </summary>
    private async Task DeliverWhenReadableAsync(PendingAlarm pending, string unreadable)
    {
        (AlarmEvent alarm, string name) = (pending.Alarm, pending.Channel);
        foreach (TimeSpan wait in _retryDelays)
        {
            _log.LogWarning("alarm of job {Job} ({Condition}) to '{Channel}' waits: config.json cannot be read ({Error}); reading it again in {Wait}", alarm.Job, alarm.Condition, name, unreadable, wait);
            try
            {
                await Task.Delay(wait, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Dictionary<string, AlarmChannel> configured = AlarmChannel.Load(_configPath, out string? problem, out string? wrongSection);
            if (problem is not null)
            {
                unreadable = problem;
            }
            else if (!configured.TryGetValue(name, out AlarmChannel? channel))
            {
                _outbox.Remove(pending);
                LogNotConfigured(alarm, name, wrongSection);
                return;
            }
            else if (channel.Unusable is { } wrong)
            {
                _outbox.Remove(pending);
                LogMisconfigured(alarm, name, wrong);
                return;
            }
            else
            {
                await DeliverAsync(pending, channel).ConfigureAwait(false);
                return;
            }
        }

        _log.LogError("alarm of job {Job} ({Condition}) could not be sent to '{Channel}': config.json still cannot be read ({Error}); it is sent when the daemon starts again", alarm.Job, alarm.Condition, name, unreadable);
    }

    /// <summary>Delivers one pending alarm; it leaves the outbox once sent or refused for good, not when the daemon stops.</summary>
    /// <param name="undelivered">Where a delivery that gives up says so; null for one the daemon's last run left, whose notification it no longer shows.</param>
    private async Task DeliverAsync(PendingAlarm pending, AlarmChannel channel, UndeliveredChannels? undelivered = null)
    {
        (AlarmEvent alarm, string name) = (pending.Alarm, pending.Channel);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await SendAsync(alarm, name, channel).ConfigureAwait(false);
                _outbox.Remove(pending);
                _log.LogInformation("alarm of job {Job} ({Condition}) sent to '{Channel}' (attempt {Attempt})", alarm.Job, alarm.Condition, name, attempt);
                return;
            }
            catch (Exception e) when (IsDeliveryFailure(e))
            {
                if (_stopping.IsCancellationRequested)
                {
                    _log.LogWarning("alarm of job {Job} ({Condition}) was not sent to '{Channel}': the daemon stopped during attempt {Attempt}; it is sent when the daemon starts again", alarm.Job, alarm.Condition, name, attempt);
                    return;
                }

                if (!MayPass(e) || attempt > _retryDelays.Count)
                {
                    _outbox.Remove(pending);
                    undelivered?.Add($"'{name}': {(attempt == 1 ? "refused" : $"every attempt failed ({attempt})")}: {Reason(e)}");
                    _log.LogError("alarm of job {Job} ({Condition}) could not be sent to '{Channel}' (attempt {Attempt}, no more): {Error}", alarm.Job, alarm.Condition, name, attempt, Reason(e));
                    return;
                }

                TimeSpan wait = _retryDelays[attempt - 1];
                _log.LogWarning("alarm of job {Job} ({Condition}) could not be sent to '{Channel}' (attempt {Attempt}); trying again in {Wait}: {Error}", alarm.Job, alarm.Condition, name, attempt, wait, Reason(e));
                try
                {
                    await Task.Delay(wait, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _log.LogWarning("alarm of job {Job} ({Condition}) was not sent to '{Channel}': the daemon stopped after attempt {Attempt} (last failure: {Error}); it is sent when the daemon starts again", alarm.Job, alarm.Condition, name, attempt, Reason(e));
                    return;
                }
            }
        }
    }

    // The web defaults, with a condition's '>' or '+' written as itself rather than as \u003E: the
    // body is JSON for a program, not text embedded in a page, so HTML's characters need no escape.
    private static readonly JsonSerializerOptions _webhookJson = new(JsonSerializerOptions.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private async Task SendAsync(AlarmEvent alarm, string name, AlarmChannel channel)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_timeout);
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
            // Serialized first, so the request carries a Content-Length: a body streamed in chunks
            // reaches receivers that read only Content-Length (Python's http.server, say) empty.
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, _webhookJson));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using HttpResponseMessage response = await TimedAsync(() => _http.PostAsync(url, content, timeout.Token), timeout).ConfigureAwait(false);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                // A refusal, not tried again: the URL in config.json is what needs changing.
                throw new HttpRequestException(
                    $"the webhook answered {(int)response.StatusCode} ({response.ReasonPhrase}), a redirect{(response.Headers.Location is { } to ? $" to {to}" : "")}, which is not followed: configure the URL it names in config.json",
                    null,
                    response.StatusCode);
            }

            response.EnsureSuccessStatusCode();
        }
        else if (channel.Email is { } email)
        {
            string subject = $"[dsl] alarm: job {alarm.Job}: {alarm.Condition}";
            // Invariant, as in the webhook's JSON: a daemon under a German locale must not write 1,5 seconds as "1,5".
            string text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Job {alarm.Job} ({alarm.Status.ToString().ToLowerInvariant()}) raised the alarm '{alarm.Condition}' at {alarm.Time:O} (value {alarm.Value}).");
            await TimedAsync(async () => { await SmtpMail.SendAsync(email, subject, text, timeout.Token).ConfigureAwait(false); return true; }, timeout).ConfigureAwait(false);
        }
    }

    /// <summary>An attempt that its timeout cut off says so: HttpClient and the socket say only that the operation was cancelled.</summary>
    private async Task<T> TimedAsync<T>(Func<Task<T>> attempt, CancellationTokenSource timeout)
    {
        try
        {
            return await attempt().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no answer within {(_timeout >= TimeSpan.FromSeconds(1) ? $"{_timeout.TotalSeconds:0.#} s" : $"{_timeout.TotalMilliseconds:0} ms")}"));
        }
    }

    private static bool IsDeliveryFailure(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException or JsonException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException or UnauthorizedAccessException or InvalidDataException;

    /// <summary>
    /// The failure with the causes it wraps: HttpClient says only "The SSL connection could not be
    /// established, see inner exception", and the log has no inner exception to see.
    /// </summary>
    private static string Reason(Exception e)
    {
        var parts = new List<string>();
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            string message = cause.InnerException is null ? cause.Message : cause.Message.Replace(", see inner exception", string.Empty, StringComparison.Ordinal).TrimEnd('.');
            if (message.Length > 0 && !parts.Contains(message))
            {
                parts.Add(message);
            }
        }

        return string.Join(": ", parts);
    }

    /// <summary>Whether trying again could succeed: the endpoint was unreachable, slow, overloaded or asked for a later try.</summary>
    private static bool MayPass(Exception e) => e switch
    {
        ObjectDisposedException or System.Security.Authentication.AuthenticationException or FileNotFoundException or DirectoryNotFoundException => false,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => false,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        SmtpReplyException reply => reply.Code is >= 400 and < 500,
        OperationCanceledException or TimeoutException or IOException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
