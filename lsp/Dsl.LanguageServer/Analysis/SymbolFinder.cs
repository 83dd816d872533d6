using Dsl.Compiler;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;
using Dsl.LanguageServer.Documents;

namespace Dsl.LanguageServer.Analysis;

/// <summary>
/// Finds symbols and their references, across files: the compilation of the file at hand
/// sees its imports; files that import it are found by compiling the other files of the
/// workspace and matching symbols by where they are declared.
/// </summary>
public sealed class SymbolFinder(Workspace workspace)
{
    private readonly Workspace _workspace = workspace;

    public SymbolAtPosition? FindAt(TextDocument document, int position, CancellationToken cancellationToken)
    {
        var compilation = _workspace.GetCompilation(document);
        cancellationToken.ThrowIfCancellationRequested();
        var model = compilation.GetSemanticModel();
        var symbol = model.GetSymbolAt(document.Source, position);
        if (symbol is null)
            return null;
        var span = model.FindReferences(symbol)
            .Where(r => SamePath(r.Source, document.Source) && r.Span.ContainsOrTouches(position))
            .Select(r => r.Span)
            .DefaultIfEmpty(symbol.IsBuiltIn ? WordAt(document.Source, position) : default)
            .First();
        return new SymbolAtPosition(symbol, compilation, span);
    }

    /// <summary>Every reference to the symbol in reach: its own compilation, then every other workspace file that mentions its name.</summary>
    public IReadOnlyList<SymbolReference> FindAllReferences(SymbolAtPosition found, TextDocument document, CancellationToken cancellationToken)
    {
        var symbol = found.Symbol;
        var results = new List<SymbolReference>(found.Compilation.GetSemanticModel().FindReferences(symbol));
        // A file that does not mention the name cannot refer to the symbol: no need to compile it.
        foreach (var (semantic, match) in OtherScopes(found, document, tree => tree.Source.Text.Contains(symbol.Name, StringComparison.Ordinal), cancellationToken))
            results.AddRange(semantic.FindReferences(match));
        return Deduplicate(results);
    }

    /// <summary>
    /// Every place that sees the symbol, each with its own copy of it: the compilation it was
    /// found in, then every other workspace file that declares it or imports its file, directly
    /// or through other libraries (whether or not it mentions the name).
    /// </summary>
    public IEnumerable<(SemanticModel Semantic, Symbol Symbol)> FindScopes(SymbolAtPosition found, TextDocument document, CancellationToken cancellationToken)
    {
        yield return (found.Compilation.GetSemanticModel(), found.Symbol);
        if (found.Symbol.Source is not { } declaring)
            yield break;
        var path = FullPath(declaring);
        foreach (var scope in OtherScopes(found, document, tree => DocumentUri.PathComparer.Equals(FullPath(tree.Source), path) || Imports(tree, path, cancellationToken), cancellationToken))
            yield return scope;
    }

    /// <summary>The symbol as the compilation of each other workspace file that may see it (by <paramref name="maySee"/>) knows it.</summary>
    private IEnumerable<(SemanticModel Semantic, Symbol Symbol)> OtherScopes(SymbolAtPosition found, TextDocument document, Func<SyntaxTree, bool> maySee, CancellationToken cancellationToken)
    {
        var symbol = found.Symbol;
        if (symbol.IsBuiltIn || symbol.Source is null || DeclaredInJob(found))
            yield break;

        foreach (var file in _workspace.EnumerateFiles(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DocumentUri.PathComparer.Equals(file.Tree.Source.Path, document.Path) || !maySee(file.Tree))
                continue;
            var open = _workspace.Documents.Get(file.Uri);
            var compilation = open is not null ? _workspace.GetCompilation(open) : _workspace.Compile(file.Tree.Source);
            var semantic = compilation.GetSemanticModel();
            if (semantic.AllDeclaredSymbols.FirstOrDefault(s => IsSameDeclaration(s, symbol)) is { } match)
                yield return (semantic, match);
        }
    }

    /// <summary>
    /// Whether the symbol is declared in the job file it was found in: only libraries can be
    /// imported (DSL2014), so no other file sees it, and the workspace need not be searched.
    /// </summary>
    private static bool DeclaredInJob(SymbolAtPosition found)
    {
        var tree = found.Compilation.SyntaxTree;
        return found.Symbol.Source is { } declaring && SamePath(declaring, tree.Source)
            && tree.Root.Declarations.Any(d => d is JobDeclarationSyntax);
    }

    /// <summary>Whether a file's imports bring in the file at <paramref name="path"/>, directly or not.</summary>
    private bool Imports(SyntaxTree tree, string path, CancellationToken cancellationToken) =>
        tree.Root.Declarations.OfType<ImportDeclarationSyntax>()
            .Any(import => _workspace.FilesReachedBy(tree.Source.Path, import.Path.Value, cancellationToken).Any(reached => DocumentUri.SameFile(reached, path)));

    /// <summary>The URI a client knows a file by: its open document's URI, else a file URI.</summary>
    public string UriOf(SourceText source) =>
        _workspace.Documents.GetByPath(FullPath(source))?.Uri ?? DocumentUri.FromPath(FullPath(source));

    /// <summary>
    /// The references once each: the same place may be found by several compilations, also under
    /// two paths when one of them reaches the file through a link.
    /// </summary>
    private static IReadOnlyList<SymbolReference> Deduplicate(List<SymbolReference> references) =>
        references
            .GroupBy(r => (DocumentUri.RealPath(FullPath(r.Source)) ?? FullPath(r.Source), r.Span))
            .Select(g => g.OrderByDescending(r => r.IsDefinition).First())
            .OrderBy(r => FullPath(r.Source), StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start)
            .ToArray();

    /// <summary>The same declaration as another compilation knows it: the same name at the same place of the same file.</summary>
    private static bool IsSameDeclaration(Symbol candidate, Symbol symbol) =>
        candidate.Kind == symbol.Kind && candidate.Name == symbol.Name && candidate.NameSpan.Start == symbol.NameSpan.Start
        && candidate.Source is { } source && symbol.Source is { } declaring && DocumentUri.SameFile(FullPath(source), FullPath(declaring));

    /// <summary>Whether two texts are the same file: the same instance, or the same full path.</summary>
    public static bool SamePath(SourceText a, SourceText b) =>
        ReferenceEquals(a, b) || DocumentUri.PathComparer.Equals(FullPath(a), FullPath(b));

    public static string FullPath(SourceText source)
    {
        // In-memory texts may have no place on disk (an untitled buffer has a full path in the workspace folder).
        if (!Path.IsPathRooted(source.Path))
            return source.Path;
        try
        {
            return Path.GetFullPath(source.Path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return source.Path;
        }
    }

    /// <summary>The identifier around a position, for built-ins the binder records no span for.</summary>
    public static TextSpan WordAt(SourceText source, int position)
    {
        var text = source.Text;
        var start = Math.Clamp(position, 0, text.Length);
        var end = start;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
            start--;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            end++;
        return TextSpan.FromBounds(start, end);
    }
}
