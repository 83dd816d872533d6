using System.Collections.Concurrent;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Documents;

/// <summary>
/// The open documents, by URI. Each change replaces the snapshot, so a handler that took a
/// snapshot is never affected by a later edit. <see cref="Generation"/> counts every change
/// in the workspace, and <see cref="ChangedSince"/> tells a cached analysis whether one of them
/// touched a file it read.
/// </summary>
/// <param name="untitledDirectory">Where documents that are not files ("untitled:") are taken to be, for their imports: by default the working directory.</param>
public sealed class DocumentStore(Func<string>? untitledDirectory = null)
{
    private readonly Func<string> _untitledDirectory = untitledDirectory ?? Directory.GetCurrentDirectory;
    private readonly ConcurrentDictionary<string, TextDocument> _documents = new(StringComparer.Ordinal);

    // The documents a request sees (see UseSnapshot); unset elsewhere, where the current ones count.
    private readonly AsyncLocal<IReadOnlyDictionary<string, TextDocument>?> _requestSnapshot = new();
    private long _generation;

    // The generation of each path's last change (an open, an edit, a close, a change on disk),
    // and of the last change on disk that named no file, after which any file may differ.
    private readonly ConcurrentDictionary<string, long> _changedAt = new(DocumentUri.PathComparer);
    private long _anyFileChangedAt;

    public long Generation => Interlocked.Read(ref _generation);

    public IReadOnlyCollection<TextDocument> All => _documents.Values.ToArray();

    /// <summary>Files changed outside the editor (on disk), which ones unknown: every analysis is stale.</summary>
    public void FilesChanged() => Interlocked.Exchange(ref _anyFileChangedAt, Interlocked.Increment(ref _generation));

    /// <summary>
    /// Files (or folders) changed on disk. An open document's file counts for nothing, as analyses
    /// read the editor's text, so saving one changes nothing; returns whether another file changed.
    /// </summary>
    public bool FilesChanged(IEnumerable<string> paths)
    {
        var changed = paths.Where(path => GetByPath(path) is null).ToArray();
        MarkChanged(changed);
        return changed.Length > 0;
    }

    /// <summary>Whether a change after <paramref name="generation"/> touched one of <paramref name="paths"/> (or a folder that holds one).</summary>
    public bool ChangedSince(long generation, IEnumerable<string> paths)
    {
        if (Interlocked.Read(ref _anyFileChangedAt) > generation)
            return true;
        var changed = _changedAt.Where(entry => entry.Value > generation).Select(entry => entry.Key).ToArray();
        return changed.Length > 0 && paths.Any(path => changed.Any(change => IsOrHolds(change, path)));
    }

    private static bool IsOrHolds(string changed, string path) =>
        DocumentUri.SameFile(changed, path)
        || (path.Length > changed.Length && path[changed.Length] is '/' or '\\' && DocumentUri.PathComparer.Equals(path[..changed.Length], changed));

    private void MarkChanged(params IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            return;
        // Counted after the documents changed, so an analysis that saw this generation saw them.
        var generation = Interlocked.Increment(ref _generation);
        foreach (var path in paths)
            _changedAt[path] = generation;
    }

    public TextDocument Open(string uri, int version, string text)
    {
        var document = new TextDocument(uri, version, text, DocumentUri.ToPath(uri, _untitledDirectory()));
        _documents[uri] = document;
        MarkChanged(document.Path);
        return document;
    }

    /// <summary>
    /// Moves the open documents that are not files to where they are now taken to be: their folder
    /// is the first workspace folder, which a change of the folders may replace, and their imports
    /// resolve from there as they would for a buffer opened now. Returns whether one moved.
    /// </summary>
    public bool RelocateUntitled()
    {
        var moved = new List<string>();
        foreach (var current in _documents.Values.ToArray())
        {
            var path = DocumentUri.ToPath(current.Uri, _untitledDirectory());
            if (DocumentUri.PathComparer.Equals(path, current.Path))
                continue;
            var relocated = new TextDocument(current.Uri, current.Version, current.Text, path);
            if (_documents.TryUpdate(current.Uri, relocated, current))
                moved.AddRange([current.Path, path]);
        }
        MarkChanged(moved);
        return moved.Count > 0;
    }

    /// <summary>Applies edits to an open document; an edit for a document that is not open is ignored (null).</summary>
    public TextDocument? Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        while (true)
        {
            if (!_documents.TryGetValue(uri, out var current))
                return null;
            var updated = new TextDocument(uri, version, TextChanges.Apply(current.Text, changes), current.Path);
            if (_documents.TryUpdate(uri, updated, current))
            {
                MarkChanged(updated.Path);
                return updated;
            }
        }
    }

    public bool Close(string uri)
    {
        var removed = _documents.TryRemove(uri, out var document);
        if (removed)
            MarkChanged(document!.Path);
        return removed;
    }

    public TextDocument? Get(string uri) =>
        (_requestSnapshot.Value ?? _documents).TryGetValue(uri, out var document) ? document : null;

    /// <summary>Whether the document is open now, whatever snapshot the calling request sees.</summary>
    public bool IsOpen(string uri) => _documents.ContainsKey(uri);

    /// <summary>The open documents as they are now.</summary>
    public IReadOnlyDictionary<string, TextDocument> Snapshot() => new Dictionary<string, TextDocument>(_documents, StringComparer.Ordinal);

    /// <summary>
    /// Makes <see cref="Get"/> answer from <paramref name="snapshot"/> for the rest of the calling
    /// flow: a request is about the documents as they were when it arrived, so a didClose or
    /// didChange that the client sent after it, and that is handled while it waits for a thread,
    /// must not take its document away or move the positions it names.
    /// </summary>
    public void UseSnapshot(IReadOnlyDictionary<string, TextDocument> snapshot) => _requestSnapshot.Value = snapshot;

    /// <summary>
    /// The open document with this file path, if any: the same path, else the same file reached
    /// through a link (a library folder linked into the workspace is the file the editor has open
    /// under its own path).
    /// </summary>
    public TextDocument? GetByPath(string path)
    {
        var documents = _documents.Values.ToArray();
        return documents.FirstOrDefault(d => DocumentUri.PathComparer.Equals(d.Path, path))
            ?? (documents.Length > 0 && DocumentUri.RealPath(path) is { } real
                ? documents.FirstOrDefault(d => DocumentUri.PathComparer.Equals(DocumentUri.RealPath(d.Path), real))
                : null);
    }
}
