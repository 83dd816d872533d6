using System.Text;
using Dsl.Compiler.Diagnostics;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Tests.Binding;
using Dsl.Compiler.Text;
using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;

namespace Dsl.Compiler.Tests.Emit;

/// <summary>
/// The whole pipeline as a test sees it: source text → <see cref="Compilation.Emit"/> → a job
/// assembly loaded into its own context → <see cref="JobRunner.Run"/> over NDJSON lines → the
/// output records parsed back from the NDJSON the runtime wrote.
/// </summary>
internal static class JobRun
{
    /// <summary>Compiles a job from memory and fails the test with every diagnostic if it does not emit.</summary>
    public static EmitResult Emit(string source, params (string Name, string Text)[] files)
    {
        var result = TestCompiler.Compile(source, files).Emit();
        AssertEmitted(result);
        return result;
    }

    public static void AssertEmitted(EmitResult result)
    {
        Assert.True(result.Success, "The job did not emit:\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToString())));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("DSL4", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    public static RunResult Run(string source, IEnumerable<string> input, string? assetsJson = null) =>
        Run(Emit(source), input, assetsJson);

    public static RunResult Run(EmitResult emitted, IEnumerable<string> input, string? assetsJson = null) =>
        Run(emitted, new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", input) + "\n")), assetsJson is null ? null : Assets(assetsJson));

    public static RunResult Run(EmitResult emitted, Stream input, IReadOnlyList<AssetMasterData>? assets)
    {
        Assert.NotNull(emitted.Assembly);
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        RunCounters counters;
        using (var job = LoadedJob.Load(emitted.Assembly, "test"))
        {
            counters = JobRunner.Run(job.Job, input, output, new JobSessionOptions(assets, ErrorLog: errors));
        }

        var outputs = Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(OutputLine.Parse)
            .ToArray();
        return new RunResult(emitted, outputs, counters, errors.ToString());
    }

    public static IReadOnlyList<AssetMasterData> Assets(string json) =>
        AssetMasterDataReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    /// <summary>Loads a file from disk the way the command line does (imports resolved on disk).</summary>
    public static EmitResult EmitFile(string path)
    {
        var result = Compilation.Create(SourceText.Load(path), FileSystemSourceResolver.Instance).Emit();
        AssertEmitted(result);
        return result;
    }
}
