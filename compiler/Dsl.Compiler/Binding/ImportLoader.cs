using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>
/// Loads the transitive imports of a file: paths are relative to the importing file, each
/// file is loaded once (by full path), cycles and missing files are reported at the import
/// that causes them.
/// </summary>
internal sealed class ImportLoader
{
    private readonly ISourceResolver _resolver;
    private readonly Func<SourceText, SyntaxTree> _parse;
    private readonly Func<SourceText, DiagnosticBag> _bagOf;
    private readonly Dictionary<string, SourceFile> _loaded = new(StringComparer.Ordinal);
    private readonly List<SourceFile> _order = [];
    private readonly Dictionary<ImportDeclarationSyntax, SourceFile> _targets = new(ReferenceEqualityComparer.Instance);

    public ImportLoader(ISourceResolver resolver, Func<SourceText, SyntaxTree> parse, Func<SourceText, DiagnosticBag> bagOf)
    {
        _resolver = resolver;
        _parse = parse;
        _bagOf = bagOf;
    }

    /// <summary>Imported files in load order (depth first), without the root.</summary>
    public IReadOnlyList<SourceFile> Imported => _order;

    /// <summary>The file each successful import names.</summary>
    public IReadOnlyDictionary<ImportDeclarationSyntax, SourceFile> Targets => _targets;

    public void Load(SourceFile root)
    {
        _loaded[root.FullPath] = root;
        // Depth first with a stack of its own rather than recursion: a chain of imports as long
        // as the file system allows must not overflow the thread's stack.
        var stack = new List<SourceFile> { root };
        var pending = new Stack<IEnumerator<ImportDeclarationSyntax>>();
        pending.Push(ImportsOf(root));
        while (pending.Count > 0)
        {
            var imports = pending.Peek();
            if (!imports.MoveNext())
            {
                pending.Pop().Dispose();
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            if (Follow(stack[^1], imports.Current, stack) is { } loaded)
            {
                stack.Add(loaded);
                pending.Push(ImportsOf(loaded));
            }
        }
    }

    /// <summary>
    /// Whether an import names a file that was not loaded (missing, unreadable, a folder, or no
    /// path at all): models it would have declared are unknown for that reason alone. An import
    /// that closes a cycle names a file that is loaded.
    /// </summary>
    public bool MissedAFile() =>
        _loaded.Values.Any(file => file.Tree.Root.Declarations.OfType<ImportDeclarationSyntax>()
            .Any(import => !_targets.ContainsKey(import) && (Resolve(file, import.Path.Value) is not { } path || !_loaded.ContainsKey(path))));

    public static string FullPathOf(SourceText source)
    {
        try
        {
            return Path.GetFullPath(source.Path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return source.Path;
        }
    }

    private static IEnumerator<ImportDeclarationSyntax> ImportsOf(SourceFile file) =>
        file.Tree.Root.Declarations.OfType<ImportDeclarationSyntax>().GetEnumerator();

    /// <summary>
    /// Resolves one import of <paramref name="file"/> (the top of <paramref name="stack"/>),
    /// reporting what is wrong with it; the file it names when that was loaded just now, so its
    /// own imports are read next.
    /// </summary>
    private SourceFile? Follow(SourceFile file, ImportDeclarationSyntax import, List<SourceFile> stack)
    {
        var bag = _bagOf(file.Tree.Source);
        // A path the parser had to invent was reported already.
        if (import.Path.Span.Length == 0)
            return null;
        var written = import.Path.Value;
        if (string.IsNullOrWhiteSpace(written))
        {
            bag.Report(DiagnosticDescriptors.EmptyImportPath, import.Path.Span);
            return null;
        }

        var fullPath = Resolve(file, written);
        if (fullPath is null)
        {
            bag.Report(DiagnosticDescriptors.ImportNotFound, import.Path.Span, written, written);
            return null;
        }

        var onStack = stack.FindIndex(f => f.FullPath == fullPath);
        if (onStack >= 0)
        {
            var cycle = stack.Skip(onStack).Select(f => f.DisplayName).Append(stack[onStack].DisplayName);
            bag.Report(DiagnosticDescriptors.ImportCycle, import.Path.Span, written, string.Join(" → ", cycle));
            return null;
        }

        SourceFile? loadedNow = null;
        if (!_loaded.TryGetValue(fullPath, out var target))
        {
            var text = TryRead(fullPath, out var unreadable);
            if (unreadable is not null)
            {
                bag.Report(DiagnosticDescriptors.ImportUnreadable, import.Path.Span, written, NamedFrom(file, written), unreadable);
                return null;
            }
            if (text is null)
            {
                bag.Report(_resolver.IsDirectory(fullPath) ? DiagnosticDescriptors.ImportIsDirectory : DiagnosticDescriptors.ImportNotFound,
                    import.Path.Span, written, NamedFrom(file, written));
                return null;
            }

            target = loadedNow = new SourceFile(_parse(AsNamedFrom(file, written, text)), fullPath);
            _loaded[fullPath] = target;
            _order.Add(target);
        }

        _targets[import] = target;
        if (target.IsJob)
            bag.Report(DiagnosticDescriptors.ImportedJob, import.Path.Span, written);
        return loadedNow;
    }

    private static string? Resolve(SourceFile importer, string written)
    {
        try
        {
            var directory = Path.GetDirectoryName(importer.FullPath) ?? "";
            return Path.GetFullPath(Path.Combine(directory, written));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    /// <summary>
    /// The imported text under the path its importer names it by: a file the user named by a
    /// relative path has its imports shown relative too (<c>examples/x/models.stream</c>, not the
    /// absolute path), as a C compiler shows an included file. Rooted paths (the editor's) stay.
    /// </summary>
    private static SourceText AsNamedFrom(SourceFile importer, string written, SourceText text)
    {
        if (Path.IsPathRooted(importer.Tree.Source.Path) || Path.IsPathRooted(written))
            return text;
        return SourceText.From(text.Text, NamedFrom(importer, written));
    }

    /// <summary>
    /// Where an import points, named from its importer's path without resolving <c>..</c>
    /// (<c>jobs/../lib/models.stream</c>), or as written when absolute. A host that placed the
    /// files under a folder of its own (the release check) can then name a missing file as the
    /// user wrote it, even one outside that folder.
    /// </summary>
    private static string NamedFrom(SourceFile importer, string written) =>
        Path.IsPathRooted(written) ? written : Path.Combine(Path.GetDirectoryName(importer.Tree.Source.Path) ?? "", written);

    /// <summary>The file's text, or null: missing, or unreadable with <paramref name="unreadable"/> saying why.</summary>
    private SourceText? TryRead(string fullPath, out string? unreadable)
    {
        unreadable = null;
        try
        {
            return _resolver.Resolve(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // There but not readable (no permission, locked by another program): saying it was
            // not found would send the user looking for a file that is right there.
            unreadable = FileRefusals.Phrase(e);
            return null;
        }
    }
}
