using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Text;

namespace Dsl.Compiler.Tests.Binding;

/// <summary>Compiles test sources from memory: the main file at <see cref="MainPath"/>, other files beside it.</summary>
internal static class TestCompiler
{
    public const string Directory = "/virtual/jobs";

    public static readonly string MainPath = Path.Combine(Directory, "main.stream");

    /// <param name="files">Other files by name relative to <see cref="Directory"/>.</param>
    public static Compilation Compile(string text, params (string Name, string Text)[] files)
    {
        var resolver = new InMemorySourceResolver(files.ToDictionary(f => Path.GetFullPath(Path.Combine(Directory, f.Name)), f => f.Text));
        return Compilation.Create(SourceText.From(text, MainPath), resolver);
    }

    /// <summary>A diagnostic as the command line prints it, without the file and position: <c>error DSL2003: …</c>.</summary>
    public static string Describe(Diagnostic diagnostic) =>
        $"{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Code}: {diagnostic.Message}";
}
