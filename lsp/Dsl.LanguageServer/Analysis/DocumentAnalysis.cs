using Dsl.Compiler.Syntax;
using Dsl.LanguageServer.Documents;

namespace Dsl.LanguageServer.Analysis;

/// <summary>
/// The syntax tree of one document snapshot, computed once and shared by every handler that
/// asks about that snapshot.
/// </summary>
public sealed class DocumentAnalysis
{
    private readonly Lazy<SyntaxTree> _tree;

    public DocumentAnalysis(TextDocument document)
    {
        Document = document;
        _tree = new Lazy<SyntaxTree>(() => SyntaxTree.Parse(document.Source), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TextDocument Document { get; }

    public SyntaxTree Tree => _tree.Value;
}
