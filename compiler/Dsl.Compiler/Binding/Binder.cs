using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Binding;

/// <summary>
/// Resolves names, checks types and stream rules, and builds the bound job. One pass over the
/// root file and its imports reports every error it can find; whatever failed to bind
/// becomes an error symbol or expression so that nothing built on it reports again.
/// </summary>
internal sealed partial class Binder
{
    private readonly Dictionary<SourceText, DiagnosticBag> _bags = new(ReferenceEqualityComparer.Instance);
    private readonly SemanticInfo _semantic = new();
    private readonly Dictionary<string, ModelSymbol> _models = new(StringComparer.Ordinal);

    // Points whose declaration had an error (unknown kind or type): checks on their kind or type stay quiet.
    private readonly HashSet<PointSymbol> _pointsWithErrors = [];

    // Models and points named by some rule, for the unused-point and unused-model warnings.
    private readonly HashSet<Symbol> _used = [];

    // The method of each meter rule written without a slope, for the warning given once the file has no errors.
    private readonly List<(TextSpan Method, bool Rollover)> _metersWithoutSlope = [];

    // The first rule that writes each point, for "written by two rules".
    private readonly Dictionary<PointSymbol, (RuleKind Kind, int Line)> _writers = [];

    // For the "did you mean" of a misspelt name: the points every rule of the job writes (model and
    // point names, as written), and those the rule being bound reads and writes. A rule can write
    // none of the first two, and read none of the last.
    private readonly HashSet<(string Model, string Point)> _outputNames = [];
    private HashSet<string> _namesReadByRule = [];
    private HashSet<string> _namesWrittenByRule = [];

    // An import named a file that could not be loaded: a model it declares is unknown because of that error.
    private bool _importMissedAFile;

    private BoundJobSettings _settings = BoundJobSettings.Default;
    private SourceText _source;
    private DiagnosticBag _bag;

    private Binder(SourceText rootSource)
    {
        _source = rootSource;
        _bag = BagOf(rootSource);
    }

    public static BindingResult Bind(SyntaxTree root, ISourceResolver resolver, Func<SourceText, SyntaxTree> parse)
    {
        var binder = new Binder(root.Source);
        return binder.Run(root, resolver, parse);
    }

    private BindingResult Run(SyntaxTree root, ISourceResolver resolver, Func<SourceText, SyntaxTree> parse)
    {
        var rootFile = new SourceFile(root, ImportLoader.FullPathOf(root.Source));
        var loader = new ImportLoader(resolver, parse, BagOf);
        loader.Load(rootFile);

        // Imported files first, so a model the user redeclares is reported in the file being edited.
        // An imported job was refused (DSL2014): its models are not declared, as a file that could
        // not be loaded declares none, so that they neither clash with the importer's own nor stand in for them.
        _importMissedAFile = loader.MissedAFile() || loader.Imported.Any(f => f.IsJob);
        var files = loader.Imported.Append(rootFile).ToArray();
        foreach (var file in files.Where(f => f == rootFile || !f.IsJob))
        {
            EnterFile(file.Tree.Source);
            DeclareModels(file.Tree.Root);
        }
        _semantic.Models = [.. _models.Values];

        foreach (var file in loader.Imported.Where(f => !f.IsJob))
        {
            EnterFile(file.Tree.Source);
            CheckLibrary(file.Tree.Root);
        }

        EnterFile(root.Source);
        BoundJob? job = null;
        if (rootFile.IsJob)
            job = BindJob(root);
        else
            CheckLibrary(root.Root);

        var diagnostics = files.SelectMany(f => BagOf(f.Tree.Source).ToList()).ToArray();
        return new BindingResult(loader.Imported.Select(f => f.Tree).ToArray(), job, diagnostics, _semantic);
    }

    private DiagnosticBag BagOf(SourceText source)
    {
        if (!_bags.TryGetValue(source, out var bag))
        {
            bag = new DiagnosticBag(source);
            _bags[source] = bag;
        }
        return bag;
    }

    private void EnterFile(SourceText source)
    {
        _source = source;
        _bag = BagOf(source);
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        if (!_quiet)
            _bag.Report(descriptor, span, args);
    }

    // Set while binding what a syntax error cut short: its names still resolve (the editor hovers
    // and navigates them), but what is wrong with it follows from the syntax error, reported already.
    private bool _quiet;

    private T Quietly<T>(Func<T> bind)
    {
        var outer = _quiet;
        _quiet = true;
        try
        {
            return bind();
        }
        finally
        {
            _quiet = outer;
        }
    }

    private void AddReference(Symbol symbol, TextSpan span, bool isDefinition = false) =>
        _semantic.References.Add((symbol, new SymbolReference(_source, span, isDefinition)));

    private void Declare(Symbol symbol, TextSpan nameSpan)
    {
        _semantic.DeclaredSymbols.Add(symbol);
        AddReference(symbol, nameSpan, isDefinition: true);
    }

    /// <summary>The one-based line of a position in the current file, as messages cite it.</summary>
    private int LineOf(TextSpan span) => _source.GetLinePosition(span.Start).Line + 1;

    /// <summary>Where a symbol is declared, for messages: <c>line 3</c> in the current file, else <c>models/wind.stream(1,7)</c> relative to it.</summary>
    private string LocationOf(Symbol symbol)
    {
        if (symbol.Source is null)
            return "(built in)";
        var position = symbol.Source.GetLinePosition(symbol.NameSpan.Start);
        if (ReferenceEquals(symbol.Source, _source))
            return $"line {position.Line + 1}";
        var directory = Path.GetDirectoryName(ImportLoader.FullPathOf(_source)) ?? "";
        var relative = Path.GetRelativePath(directory, ImportLoader.FullPathOf(symbol.Source)).Replace('\\', '/');
        return $"{relative}({position})";
    }

    /// <summary>A span covering the keyword a declaration starts with.</summary>
    private static TextSpan KeywordSpan(SyntaxNode node, string keyword) =>
        new(node.Span.Start, Math.Min(keyword.Length, node.Span.Length));
}
