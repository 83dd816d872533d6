using System.Text;
using Dsl.Runtime.Hosting;
using Dsl.TestUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dsl.Runtime.Tests;

/// <summary>
/// The hand-written turbine job compiled on its own, as a code generator's output would be, then
/// loaded into a collectible context and run.
/// </summary>
public sealed class JobLoadingTests
{
    [Fact]
    public void A_job_compiled_against_the_runtime_alone_loads_and_runs_in_its_own_context()
    {
        byte[] image = Compile(File.ReadAllText(RepoPaths.Combine("tests", "Dsl.Runtime.Tests", "HandWrittenJobs", "TurbineKpisJob.cs")));

        using LoadedJob loaded = LoadedJob.Load(image, "turbine_kpis");
        Assert.Equal("turbine_kpis", loaded.Job.Manifest.Name);
        var input = "{\"assetId\":\"W\",\"modelId\":\"WindTurbine\",\"pointId\":\"ActivePower\",\"time\":0,\"value\":5}\n";
        var output = new MemoryStream();
        RunCounters counters = JobRunner.Run(loaded.Job, new MemoryStream(Encoding.UTF8.GetBytes(input)), output);
        // LoadFactor on arrival; the average, maximum and count of the window at the end.
        Assert.Equal(4, counters[Counter.Outputs]);
    }

    [Fact]
    public void An_assembly_without_exactly_one_job_is_refused()
    {
        byte[] image = Compile("public sealed class NotAJob { }");

        var error = Assert.Throws<InvalidDataException>(() => LoadedJob.Load(image, "empty"));
        Assert.Contains("exactly one job class", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Compile(string source)
    {
        string[] platform = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var references = platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(Jobs.CompiledJob).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "job_" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }
}
