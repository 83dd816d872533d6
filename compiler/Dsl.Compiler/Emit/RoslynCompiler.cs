using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Compiles generated C# into a job assembly. References are an allow-list (the core
/// library, a few collection assemblies and Dsl.Runtime): generated code cannot reach the
/// file system, the network or processes because nothing that does is referenced.
/// </summary>
internal static class RoslynCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(LoadReferences);

    /// <summary>
    /// The build of Dsl.Runtime that images are compiled against. A cached image is only valid with
    /// it: generated code calls the runtime's members, and the job's version covers the sources and
    /// the compiler, not the runtime.
    /// </summary>
    public static string RuntimeBuild { get; } =
        typeof(Dsl.Runtime.AssemblyMarker).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    private static readonly CSharpCompilationOptions _options = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: false,
        nullableContextOptions: NullableContextOptions.Disable,
        deterministic: true,
        concurrentBuild: false);

    public static (byte[]? Assembly, IReadOnlyList<string> Errors) Compile(string assemblyName, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: assemblyName + ".g.cs");
        var compilation = CSharpCompilation.Create(assemblyName, [tree], _references.Value, _options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .Select(d => d.ToString())
                .ToArray();
            return (null, errors);
        }
        return (stream.ToArray(), []);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // Trusted platform assemblies are the framework the process runs on; take only the
        // ones generated code needs.
        string[] allowed = ["System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Memory", "System.Runtime.Intrinsics", "netstandard"];
        var platform = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => allowed.Contains(Path.GetFileNameWithoutExtension(path)));
        var runtime = typeof(Dsl.Runtime.AssemblyMarker).Assembly.Location;
        return [.. platform.Append(runtime).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
