using System.Collections.Concurrent;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.Diagnostics;

/// <summary>
/// Publishes diagnostics after edits settle. Each document has at most one computation in
/// flight: a newer edit cancels the older one, and a result is only sent while it is still
/// the latest for its document, so the client never sees stale diagnostics after fresh ones.
/// </summary>
public sealed class DiagnosticsPublisher(Workspace workspace, Func<PublishDiagnosticsParams, Task> publish, TimeSpan delay, TextWriter log)
{
    private readonly Workspace _workspace = workspace;
    private readonly Func<PublishDiagnosticsParams, Task> _publish = publish;
    private readonly TimeSpan _delay = delay;
    private readonly TextWriter _log = log;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    /// <summary>Recomputes the diagnostics of a document after the delay, replacing any earlier pending run.</summary>
    public void Schedule(string uri, CancellationToken lifetime)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        _pending.AddOrUpdate(uri, source, (_, previous) =>
        {
            // The older run is superseded; cancelling twice (if the update is retried) is harmless.
            CancelQuietly(previous);
            return source;
        });
        _ = Task.Run(() => RunAsync(uri, source), CancellationToken.None);
    }

    /// <summary>Schedules every open document: an edit to one file can change what its importers see.</summary>
    public void ScheduleAll(CancellationToken lifetime)
    {
        foreach (var document in _workspace.Documents.All)
            Schedule(document.Uri, lifetime);
    }

    /// <summary>Stops work for a closed document and clears what the client shows for it.</summary>
    public async Task ClearAsync(string uri)
    {
        if (_pending.TryRemove(uri, out var source))
            CancelQuietly(source);
        await SendAsync(new PublishDiagnosticsParams(uri, null, []), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task RunAsync(string uri, CancellationTokenSource source)
    {
        var token = source.Token;
        try
        {
            if (_delay > TimeSpan.Zero)
                await Task.Delay(_delay, token).ConfigureAwait(false);
            if (_workspace.Documents.Get(uri) is not { } document)
                return;
            var all = _workspace.GetDiagnostics(document, token);
            var own = all.Where(d => DocumentUri.PathComparer.Equals(d.Source.Path, document.Path)).Select(DiagnosticMapper.ToLsp);
            LspDiagnostic[] diagnostics = [.. own, .. ImportedDiagnostics.Of(_workspace, document, all, token).Select(d => d.Shown)];
            await SendAsync(new PublishDiagnosticsParams(uri, document.Version, diagnostics), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Superseded by a newer edit, or the session ended.
        }
        catch (Exception ex)
        {
            _log.WriteLine($"[lsp] diagnostics for {uri} failed: {ex}");
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(uri, source));
            source.Dispose();
        }
    }

    private async Task SendAsync(PublishDiagnosticsParams parameters, CancellationToken token)
    {
        await _sendGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // Checked under the gate: a cancelled run cannot overtake the run that cancelled it.
            if (token.IsCancellationRequested)
                return;
            await _publish(parameters).ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }
}
