using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Symbols;
using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Analysis;
using Dsl.LanguageServer.Documents;
using Dsl.LanguageServer.Protocol.Messages;

namespace Dsl.LanguageServer.Handlers.CodeActions;

/// <summary>
/// "Change the unit of the point": DSL3057 for an energy source declared in a unit spelt in the
/// wrong case (<c>w</c>, <c>kwh</c>). The warning is at the rule's source point, but the unit it
/// suggests belongs in the point's declaration, which may be in an imported library.
/// </summary>
internal static class EnergySourceUnit
{
    public const string Code = "DSL3057";

    public static CodeAction? Create(SymbolFinder finder, Compilation compilation, Diagnostic diagnostic, string unit, LspDiagnostic shown)
    {
        // The warning spans the source as written, `P` or `M::P`: the point is its last name.
        var source = compilation.SyntaxTree.Root.Declarations.OfType<EnergyRuleSyntax>().FirstOrDefault(r => r.Source.Span == diagnostic.Span)?.Source;
        if (source is null || compilation.GetSemanticModel().GetSymbolAt(diagnostic.Source, source.Point.Span.Start) is not PointSymbol { Source: { } file } point)
            return null;
        var declared = compilation.ImportedTrees.Prepend(compilation.SyntaxTree)
            .Where(tree => DocumentUri.PathComparer.Equals(tree.Source.Path, file.Path))
            .SelectMany(tree => tree.Root.Declarations.OfType<ModelDeclarationSyntax>())
            .SelectMany(model => model.Members.OfType<PointDeclarationSyntax>())
            .FirstOrDefault(p => p.Name.Span == point.NameSpan)?.Unit;
        if (declared is null)
            return null;
        var edit = new TextEdit(TextPositions.ToRange(file, declared.Span), unit);
        return new CodeAction(
            $"Declare '{point.Name}' in '{unit}'",
            "quickfix",
            [shown],
            new WorkspaceEdit(new Dictionary<string, TextEdit[]> { [finder.UriOf(file)] = [edit] }),
            IsPreferred: true);
    }
}
