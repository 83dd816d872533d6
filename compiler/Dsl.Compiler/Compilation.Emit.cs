using System.Collections.Immutable;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Planning;

namespace Dsl.Compiler;

public sealed partial class Compilation
{
    private const int MaxCSharpErrorsShown = 5;

    /// <summary>
    /// Plans the job, generates its C# and compiles it with Roslyn. Runs only when the file has no
    /// errors; a Roslyn error on generated code is a compiler bug, reported as DSL4002 with the
    /// C# errors attached. Never throws on user input.
    /// </summary>
    public EmitResult Emit(EmitOptions? options = null)
    {
        options ??= EmitOptions.Default;
        var diagnostics = GetDiagnostics();
        if (HasErrors)
            return new EmitResult(diagnostics, null, null, null);
        if (Job is not { } job)
            return Failed(diagnostics, DiagnosticDescriptors.NothingToBuild, SyntaxTree.Source.Path);

        try
        {
            var plan = Planner.Plan(job, [SyntaxTree.Source, .. ImportedTrees.Select(t => t.Source)]);
            var source = JobEmitter.Emit(plan);
            var stem = JobFileName.Stem(plan.Name);
            var key = $"{stem}-{plan.Version}-{RoslynCompiler.RuntimeBuild}";
            if (AssemblyCache.TryGet(key, options.CacheDirectory) is { } cached)
                return new EmitResult(diagnostics, plan, source, cached) { FromCache = true };

            var (image, errors) = RoslynCompiler.Compile("Dsl.Jobs." + plan.Version, source);
            if (image is null)
            {
                var shown = string.Join(" | ", errors.Take(MaxCSharpErrorsShown));
                return Failed(diagnostics, DiagnosticDescriptors.GeneratedCodeRejected, shown);
            }
            AssemblyCache.Add(stem, key, image, options.CacheDirectory);
            return new EmitResult(diagnostics, plan, source, image);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return Failed(diagnostics, DiagnosticDescriptors.InternalCompilerError, DiagnosticDescriptors.InternalErrorDetail(exception));
        }
    }

    private EmitResult Failed(ImmutableArray<Diagnostic> diagnostics, DiagnosticDescriptor descriptor, params object?[] args) =>
        new(diagnostics.Add(descriptor.Create(SyntaxTree.Source, new Text.TextSpan(0, 0), args)), null, null, null);
}
