using Dsl.Compiler.Syntax;

namespace Dsl.Compiler.Binding;

/// <summary>A parsed file of a compilation and the full path its imports resolve against.</summary>
internal sealed record SourceFile(SyntaxTree Tree, string FullPath)
{
    public bool IsJob => Tree.Root.Declarations.OfType<JobDeclarationSyntax>().Any();

    public string DisplayName => Path.GetFileName(FullPath);
}
