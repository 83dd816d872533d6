using Dsl.Compiler.Syntax;

namespace Dsl.LanguageServer.Analysis;

/// <summary>A .stream file of the workspace, open or on disk, with its URI and tree.</summary>
public sealed record WorkspaceFile(string Uri, SyntaxTree Tree);
