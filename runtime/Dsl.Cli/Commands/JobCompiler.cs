using Dsl.Cli.Reporting;
using Dsl.Compiler;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;

namespace Dsl.Cli.Commands;

/// <summary>Compiles a job file for the commands that run it, printing diagnostics to stderr.</summary>
public static class JobCompiler
{
    /// <summary>The emitted job, or null (with the reason printed) when it has errors or cannot be read.</summary>
    public static EmitResult? Compile(string path, string command) => Compile(path, command, out _);

    /// <summary>The same, with the files the job imports (directly or through another import), as the compiler found them.</summary>
    public static EmitResult? Compile(string path, string command, out IReadOnlyList<string> imports)
    {
        imports = [];
        if (InputFiles.FileProblem(path) is { } problem)
        {
            Console.Error.WriteLine($"dsl {command}: {problem}");
            return null;
        }

        if (SourceFiles.Load(path, command) is not { } source)
            return null;
        var compilation = Compilation.Create(source, FileSystemSourceResolver.Instance);
        imports = [.. compilation.ImportedTrees.Select(tree => tree.Source.Path)];
        EmitResult result;
        // A compile takes seconds (a load from the cache, a moment).
        using (ProgressLine.Waiting(command, $"compiling {path}"))
            result = compilation.Emit(new EmitOptions(EmitOptions.UserCacheDirectory()));
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
            Console.Error.WriteLine(diagnostic.ToString());
        return result.Success ? result : null;
    }
}
