using System.Collections.Concurrent;
using System.Collections.Immutable;
using Dsl.Compiler;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Documents;

namespace Dsl.LanguageServer.Analysis;

/// <summary>
/// The open documents, the folders of the workspace and a cache of analyses, shared by all
/// handlers. Everything here is safe to use from concurrent requests.
/// </summary>
public sealed class Workspace
{
    private readonly ConcurrentDictionary<string, DocumentAnalysis> _syntax = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedCompilation> _compilations = new(StringComparer.Ordinal);
    private readonly List<string> _roots = [];

    public Workspace()
    {
        // An unsaved buffer's imports resolve from the first workspace folder, as if it were saved there.
        Documents = new DocumentStore(() => Roots.FirstOrDefault() ?? Directory.GetCurrentDirectory());
        Resolver = new WorkspaceSourceResolver(Documents);
    }

    public DocumentStore Documents { get; }

    /// <summary>Serves imports from open documents first, then from disk.</summary>
    public WorkspaceSourceResolver Resolver { get; }

    /// <summary>Folders searched for .stream files by workspace symbols and cross-file references.</summary>
    public IReadOnlyList<string> Roots
    {
        get
        {
            lock (_roots)
                return _roots.ToArray();
        }
    }

    public void AddRoot(string path)
    {
        lock (_roots)
        {
            if (Directory.Exists(path) && !_roots.Contains(path, DocumentUri.PathComparer))
                _roots.Add(path);
        }
    }

    public void RemoveRoot(string path)
    {
        lock (_roots)
            _roots.RemoveAll(root => DocumentUri.PathComparer.Equals(root, path));
    }

    /// <summary>The open document at this URI, or a "request failed" error the client shows.</summary>
    public TextDocument GetDocument(string uri) =>
        Documents.Get(uri) ?? throw new Protocol.JsonRpcException(Protocol.ErrorCodes.InvalidParams, $"The document {uri} is not open.");

    public DocumentAnalysis GetSyntax(TextDocument document)
    {
        var cached = _syntax.GetValueOrDefault(document.Uri);
        if (cached is not null && ReferenceEquals(cached.Document, document))
            return cached;
        var analysis = new DocumentAnalysis(document);
        CacheWhileOpen(_syntax, document.Uri, analysis);
        return analysis;
    }

    public DocumentAnalysis GetSyntax(string uri) => GetSyntax(GetDocument(uri));

    /// <summary>The diagnostics of a document, exactly as <c>dsl check</c> reports them.</summary>
    public IReadOnlyList<Compiler.Diagnostics.Diagnostic> GetDiagnostics(TextDocument document, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return GetCompilation(document).GetDiagnostics();
    }

    /// <summary>
    /// The compilation of a document with its imports as the editor has them. Cached until the
    /// document or a file it read (an import, found or not) changes: on a large job a compilation
    /// takes long, and an edit to another file, or saving this one, changes nothing it sees.
    /// </summary>
    public Compilation GetCompilation(TextDocument document)
    {
        var generation = Documents.Generation;
        var cached = _compilations.GetValueOrDefault(document.Uri);
        if (cached is not null && ReferenceEquals(cached.Document, document))
        {
            if (cached.Generation == generation)
                return cached.Compilation;
            if (!Documents.ChangedSince(cached.Generation, cached.Reads.Paths))
            {
                // Still valid now: the next look-up need not check again (unless a newer entry took its place).
                _compilations.TryUpdate(document.Uri, cached with { Generation = generation }, cached);
                return cached.Compilation;
            }
        }
        // The syntax tree the handlers already parsed for this snapshot: one parse per edit.
        var reads = new RecordingResolver(Resolver);
        var compilation = Compilation.Create(GetSyntax(document).Tree, reads);
        CacheWhileOpen(_compilations, document.Uri, new CachedCompilation(document, generation, compilation, reads));
        return compilation;
    }

    /// <summary>
    /// The models a document sees, for completion. An edit that leaves its model declarations and
    /// imports as they were (typing in a rule, as most typing is) leaves the models as they were:
    /// those of the document's last compilation serve while no file it read changed, so a
    /// completion right after the edit waits for no bind of the whole job.
    /// </summary>
    public ImmutableArray<ModelSymbol> GetModels(TextDocument document)
    {
        var cached = _compilations.GetValueOrDefault(document.Uri);
        if (cached is not null && !ReferenceEquals(cached.Document, document)
            && ModelSources(cached.Compilation.SyntaxTree).SequenceEqual(ModelSources(GetSyntax(document).Tree), StringComparer.Ordinal)
            && !Documents.ChangedSince(cached.Generation, cached.Reads.Paths))
        {
            return cached.Compilation.GetSemanticModel().Models;
        }
        return GetCompilation(document).GetSemanticModel().Models;
    }

    /// <summary>The text of the declarations a file's models are bound from: its models and its imports.</summary>
    private static IEnumerable<string> ModelSources(SyntaxTree tree) =>
        tree.Root.Declarations.Where(d => d is ModelDeclarationSyntax or ImportDeclarationSyntax).Select(d => tree.Source.ToString(d.Span));

    /// <summary>
    /// Caches an analysis of an open document. A request answers for the documents as they were
    /// when it arrived, so it may analyse one that was closed (and forgotten) since: its analysis
    /// must not stay, as nothing would remove it. Checked after the store, as didClose forgets
    /// after it closes, so either that or this removes the entry.
    /// </summary>
    private void CacheWhileOpen<T>(ConcurrentDictionary<string, T> cache, string uri, T entry)
    {
        cache[uri] = entry;
        if (!Documents.IsOpen(uri))
            cache.TryRemove(new KeyValuePair<string, T>(uri, entry));
    }

    /// <summary>Whether an analysis of the document at <paramref name="uri"/> is cached.</summary>
    internal bool IsCached(string uri) => _syntax.ContainsKey(uri) || _compilations.ContainsKey(uri);

    /// <summary>A compilation of a file that is not open (read through the resolver), for cross-file queries.</summary>
    public Compilation Compile(SourceText source) => Compilation.Create(source, Resolver);

    public void Forget(string uri)
    {
        _syntax.TryRemove(uri, out _);
        _compilations.TryRemove(uri, out _);
    }

    /// <summary>
    /// Every .stream file in reach: the open documents (with their unsaved text), then the
    /// files under the workspace folders that are not open, each real file once however many
    /// links lead to it (see <see cref="StreamFileWalk"/>). The scan is bounded so a huge
    /// folder cannot stall a request.
    /// </summary>
    public IEnumerable<WorkspaceFile> EnumerateFiles(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(DocumentUri.PathComparer);
        foreach (var document in Documents.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            seen.Add(document.Path);
            if (Path.IsPathRooted(document.Path) && StreamFileWalk.RealPath(document.Path) is { } real)
                seen.Add(real);
            yield return new WorkspaceFile(document.Uri, GetSyntax(document).Tree);
        }

        foreach (var path in StreamFileWalk.Enumerate(Roots, seen, cancellationToken).Take(MaxWorkspaceFiles))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Resolver.TryResolve(path) is not { } source)
                continue;
            yield return new WorkspaceFile(DocumentUri.FromPath(path), SyntaxTree.Parse(source));
        }
    }

    private const int MaxWorkspaceFiles = 2000;

    /// <summary>
    /// Names of the attributes declared in a file and the files it imports, so the classifier
    /// can tell an attribute from a point without a full compilation.
    /// </summary>
    public ISet<string> GetAttributeNames(DocumentAnalysis analysis, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(DocumentUri.PathComparer);
        var pending = new Stack<SyntaxTree>();
        pending.Push(analysis.Tree);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tree = pending.Pop();
            if (!visited.Add(tree.Source.Path))
                continue;
            foreach (var node in tree.Root.Declarations)
            {
                if (node is ModelDeclarationSyntax model)
                    AttributeNames.Add(model, names);
                else if (node is ImportDeclarationSyntax import && ResolveImport(tree.Source.Path, import.Path.Value) is { } imported)
                    pending.Push(SyntaxTree.Parse(imported));
            }
        }
        return names;
    }

    /// <summary>The text of an import as the compiler would see it, relative to the importing file.</summary>
    public SourceText? ResolveImport(string importingPath, string importPath)
    {
        try
        {
            var directory = Path.GetDirectoryName(importingPath);
            if (string.IsNullOrEmpty(directory) || string.IsNullOrWhiteSpace(importPath))
                return null;
            return Resolver.TryResolve(Path.GetFullPath(Path.Combine(directory, importPath)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>The files an import brings in: the imported file and, transitively, what it imports.</summary>
    public HashSet<string> FilesReachedBy(string importingPath, string importPath, CancellationToken token)
    {
        var reached = new HashSet<string>(DocumentUri.PathComparer);
        var pending = new Stack<(string From, string Path)>([(importingPath, importPath)]);
        while (pending.Count > 0)
        {
            token.ThrowIfCancellationRequested();
            var (from, path) = pending.Pop();
            if (ResolveImport(from, path) is not { } source || !reached.Add(source.Path))
                continue;
            foreach (var next in SyntaxTree.Parse(source).Root.Declarations.OfType<ImportDeclarationSyntax>())
                pending.Push((source.Path, next.Path.Value));
        }

        return reached;
    }
}
