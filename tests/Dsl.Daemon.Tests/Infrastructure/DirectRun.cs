using System.Text;
using System.Text.RegularExpressions;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;
using Dsl.Runtime.Hosting;

namespace Dsl.Daemon.Tests.Infrastructure;

/// <summary>What <c>dsl run</c> makes of an input: the reference the daemon's outputs are compared with.</summary>
internal static partial class DirectRun
{
    public static string[] Outputs(string source, string inputFile)
    {
        var compilation = Compilation.Create(SourceText.From(source, Path.Combine(Path.GetTempPath(), "direct.stream")));
        EmitResult emitted = compilation.Emit(EmitOptions.Default);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        using LoadedJob job = LoadedJob.Load(emitted.Assembly ?? [], "direct");
        using var input = File.OpenRead(inputFile);
        using var output = new MemoryStream();
        JobRunner.Run(job.Job, input, output);
        return Normalize(Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Lines without the version attribute (a hash of the source and its path).</summary>
    public static string[] Normalize(IEnumerable<string> lines) => [.. lines.Select(l => Version().Replace(l, "\"version\":\"-\""))];

    [GeneratedRegex("\"version\":\"[^\"]*\"")]
    private static partial Regex Version();
}
