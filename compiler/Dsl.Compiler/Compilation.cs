using System.Collections.Immutable;
using Dsl.Compiler.Binding;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler;

/// <summary>
/// The one entry point to the compiler for the command line, the language server, the
/// runtime tooling and the tests: a file, its imports, their diagnostics, the bound job and
/// the semantic model. Immutable; every result is computed once, on first use, thread-safely.
/// </summary>
public sealed partial class Compilation
{
    private readonly ISourceResolver _resolver;
    private readonly Func<SourceText, SyntaxTree> _parse;
    private readonly Lazy<BindingResult> _binding;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly Lazy<SemanticModel> _semanticModel;

    private Compilation(SyntaxTree syntaxTree, ISourceResolver resolver, Func<SourceText, SyntaxTree> parse)
    {
        SyntaxTree = syntaxTree;
        _resolver = resolver;
        _parse = parse;
        _binding = new Lazy<BindingResult>(Bind, LazyThreadSafetyMode.ExecutionAndPublication);
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(CollectDiagnostics, LazyThreadSafetyMode.ExecutionAndPublication);
        _semanticModel = new Lazy<SemanticModel>(() => new SemanticModel(this, _binding.Value.Semantic), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Parses <paramref name="source"/> and prepares its compilation. Imports are read
    /// through <paramref name="resolver"/> (the file system when null), relative to the
    /// directory of <see cref="SourceText.Path"/>.
    /// </summary>
    public static Compilation Create(SourceText source, ISourceResolver? resolver = null) =>
        new(SyntaxTree.Parse(source), resolver ?? FileSystemSourceResolver.Instance, SyntaxTree.Parse);

    /// <summary>
    /// A compilation of an already parsed tree, so a host that parsed the file (the language
    /// server, for the cursor) does not parse it twice.
    /// </summary>
    public static Compilation Create(SyntaxTree syntaxTree, ISourceResolver? resolver = null) =>
        Create(syntaxTree, resolver, null);

    /// <summary>As above; <paramref name="parse"/> parses imported files (tests build trees by hand).</summary>
    internal static Compilation Create(SyntaxTree syntaxTree, ISourceResolver? resolver, Func<SourceText, SyntaxTree>? parse) =>
        new(syntaxTree, resolver ?? FileSystemSourceResolver.Instance, parse ?? SyntaxTree.Parse);

    /// <summary>The tree of the file this compilation was created for.</summary>
    public SyntaxTree SyntaxTree { get; }

    /// <summary>The trees of every file imported, directly or through other imports, in load order.</summary>
    public IReadOnlyList<SyntaxTree> ImportedTrees => _binding.Value.ImportedTrees;

    /// <summary>The bound job, or null when the file is a model library (no <c>job</c> line). Present even when there are errors; emit only from an error-free compilation.</summary>
    public BoundJob? Job => _binding.Value.Job;

    /// <summary>True when <see cref="GetDiagnostics"/> has an error.</summary>
    public bool HasErrors => GetDiagnostics().Any(d => d.IsError);

    /// <summary>
    /// Every diagnostic of the file and its imports, syntax and semantic, sorted by file
    /// path and then by position.
    /// </summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>The semantic model for editor queries: symbols at positions, references, scopes and types.</summary>
    public SemanticModel GetSemanticModel() => _semanticModel.Value;

    private BindingResult Bind()
    {
        try
        {
            return Binder.Bind(SyntaxTree, _resolver, _parse);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The compiler must never throw on user input: a bug becomes a diagnostic the user can report.
            var diagnostic = DiagnosticDescriptors.InternalCompilerError.Create(SyntaxTree.Source, new TextSpan(0, 0), DiagnosticDescriptors.InternalErrorDetail(e));
            return new BindingResult([], null, [diagnostic], new SemanticInfo());
        }
    }

    private ImmutableArray<Diagnostic> CollectDiagnostics()
    {
        var binding = _binding.Value;
        return
        [
            .. SyntaxTree.Diagnostics
                .Concat(binding.ImportedTrees.SelectMany(t => t.Diagnostics))
                .Concat(binding.Diagnostics)
                .Distinct()
                .OrderBy(d => d.Source.Path, StringComparer.Ordinal)
                .ThenBy(d => d.Span.Start)
                .ThenBy(d => d.Span.Length)
                .ThenBy(d => d.Code, StringComparer.Ordinal),
        ];
    }
}
