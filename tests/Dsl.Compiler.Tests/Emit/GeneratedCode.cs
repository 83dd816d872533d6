using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// Reads generated C# back with Roslyn, independently of the emitter: its syntax (declarations,
/// literals, comments) and, bound against every framework assembly, the symbols it refers to.
/// Binding against the whole framework (not the job's allow-list) is deliberate: injected code
/// such as <c>System.IO.File.Delete</c> would then resolve and be seen.
/// </summary>
internal static class GeneratedCode
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(() =>
    [
        .. (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(Dsl.Runtime.AssemblyMarker).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ]);

    /// <summary>Types outside the runtime that generated code may name: plain values and arithmetic.</summary>
    private static readonly HashSet<string> _allowedSystemTypes = new(StringComparer.Ordinal)
    {
        "System.Math", "System.Double", "System.Int32", "System.Int64", "System.Boolean", "System.String", "System.Object",

        // The batch of records the dispatch loop walks: a read-only view, nothing it can reach beyond.
        "System.ReadOnlySpan",

        // An inlining hint on the hot path; it changes how the JIT compiles, not what the code can reach.
        "System.Runtime.CompilerServices.MethodImplAttribute", "System.Runtime.CompilerServices.MethodImplOptions",
    };

    /// <summary>Namespace-qualified names without C# keywords for special types (System.Int64, not long).</summary>
    private static readonly SymbolDisplayFormat _qualified = new(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    public static CompilationUnitSyntax Parse(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        Assert.Empty(tree.GetDiagnostics());
        return (CompilationUnitSyntax)tree.GetRoot();
    }

    /// <summary>The value of every string literal, in order.</summary>
    public static IReadOnlyList<string> StringLiterals(SyntaxNode root) =>
        [.. root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText)];

    public static IReadOnlyList<string> Comments(SyntaxNode root) =>
        [.. root.DescendantTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)).Select(t => t.ToString())];

    /// <summary>Every symbol outside the generated code and the runtime that the code refers to, as "Namespace.Type.Member".</summary>
    public static IReadOnlyList<string> ForeignSymbols(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Inspect", [tree], _references.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        var foreign = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var info = model.GetSymbolInfo(node);
            foreach (var symbol in info.Symbol is { } s ? [s] : info.CandidateSymbols)
            {
                if (!IsAllowed(symbol))
                    foreign.Add(symbol.ToDisplayString());
            }
        }
        return [.. foreign];
    }

    private static bool IsAllowed(ISymbol symbol)
    {
        if (symbol is INamespaceSymbol ns)
        {
            var name = ns.ToDisplayString();
            return name is "System" or "System.Runtime" or "System.Runtime.CompilerServices" or "Dsl" or "Dsl.Runtime" || name.StartsWith("Dsl.Runtime.", StringComparison.Ordinal) || name.StartsWith("Dsl.Jobs", StringComparison.Ordinal);
        }
        if (symbol is ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol)
            return true;
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
            return false;
        var outermost = type;
        while (outermost.ContainingType is { } containing)
            outermost = containing;
        var typeNamespace = outermost.ContainingNamespace.ToDisplayString();
        if (typeNamespace.StartsWith("Dsl.Runtime", StringComparison.Ordinal) || typeNamespace.StartsWith("Dsl.Jobs", StringComparison.Ordinal))
            return true;
        return _allowedSystemTypes.Contains(outermost.OriginalDefinition.ToDisplayString(_qualified));
    }
}
