using System.Collections.Concurrent;
using Dsl.Compiler.Syntax;
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
            var imported = all.Where(d => !DocumentUri.PathComparer.Equals(d.Source.Path, document.Path)).ToArray();
            var diagnostics = imported.Length == 0 ? own.ToArray() : [.. own, .. AtImports(document, imported, token)];
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

    /// <summary>
    /// Diagnostics of imported files, which <c>dsl check</c> reports with the job: shown on the
    /// import that brings the file in (directly or through other imports), with the file and
    /// position in the message, so that a job with a broken library does not look clean.
    /// </summary>
    private IEnumerable<LspDiagnostic> AtImports(TextDocument document, IReadOnlyList<Compiler.Diagnostics.Diagnostic> imported, CancellationToken token)
    {
        var imports = _workspace.GetSyntax(document).Tree.Root.Declarations.OfType<ImportDeclarationSyntax>()
            .Select(import => (Import: import, Reached: _workspace.FilesReachedBy(document.Path, import.Path.Value, token)))
            .ToArray();
        // An untitled buffer's path is in the first workspace folder (else the working directory), where its imports resolve.
        var directory = Path.GetDirectoryName(Path.GetFullPath(document.Path)) ?? Directory.GetCurrentDirectory();
        foreach (var diagnostic in imported)
        {
            var import = imports.FirstOrDefault(i => i.Reached.Contains(diagnostic.Source.Path)).Import ?? imports.FirstOrDefault().Import;
            var range = import is null ? new Protocol.Messages.Range(new Position(0, 0), new Position(0, 0)) : TextPositions.ToRange(document.Source, import.Path.Span);
            var where = $"{Relative(directory, diagnostic.Source.Path)}({diagnostic.Start})";
            yield return new LspDiagnostic(range, $"{where}: {diagnostic.Message}", DiagnosticMapper.Severity(diagnostic.Severity), diagnostic.Code, DiagnosticMapper.SourceName);
        }
    }

    private static string Relative(string directory, string path)
    {
        try
        {
            return Path.GetRelativePath(directory, path).Replace('\\', '/');
        }
        catch (ArgumentException)
        {
            return path;
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
