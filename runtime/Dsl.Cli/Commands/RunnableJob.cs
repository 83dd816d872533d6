using Dsl.Runtime.Assets;
using Dsl.Runtime.Hosting;

namespace Dsl.Cli.Commands;

/// <summary>
/// A compiled, loaded job and its asset master data: what <c>run</c>, <c>run --state</c> and
/// <c>preview</c> start from. The job's code stays loaded for the process's life, so that it is
/// tiered (see <see cref="LoadedJob"/>); the commands run one job and exit.
/// </summary>
public sealed record RunnableJob(LoadedJob Loaded, IReadOnlyList<AssetMasterData>? Assets) : IDisposable
{
    /// <summary>
    /// The steps every command that runs a job begins with: the named files can be read and the
    /// output is none of them (else a usage error), the output's folder is there, the job compiles
    /// and the asset data reads (else a user error, reasons printed).
    /// </summary>
    public static RunnableJob? Prepare(string command, string file, string input, string? assets, out int exitCode, string? output = null)
    {
        exitCode = ExitCodes.Usage;
        if (InputFiles.EmptyOutput(output, "a file, or - for standard output") is { } empty)
        {
            Console.Error.WriteLine($"dsl {command}: {empty}");
            return null;
        }
        if (InputFiles.ReadProblem(file, input, assets) is { } problem)
        {
            Console.Error.WriteLine($"dsl {command}: {problem}");
            return null;
        }
        if (output is not null && Directory.Exists(output))
        {
            Console.Error.WriteLine($"dsl {command}: the output {output} is a directory; name a file.");
            return null;
        }
        if (InputFiles.ReadAsWell(output, file, input, assets) is { } read)
        {
            Console.Error.WriteLine($"dsl {command}: the output {output} is also a file the command reads ({read}); writing it would empty it first. Write the output to another file.");
            return null;
        }
        exitCode = ExitCodes.UserError;
        // The job file too, though compiling would say the same: before the output is opened,
        // which creates it, so that a run that cannot start leaves no empty output behind.
        if (InputFiles.UnreadableProblem(file, input, assets) is { } unreadable)
        {
            Console.Error.WriteLine($"dsl {command}: {unreadable}");
            return null;
        }
        // Said before compiling and running: else the run fails at its first output in .NET's words.
        if (InputFiles.WriteProblem(output) is { } unwritable)
        {
            Console.Error.WriteLine($"dsl {command}: {unwritable}");
            return null;
        }
        if (JobCompiler.Compile(file, command, out var imports) is not { Assembly: { } image })
            return null;
        // The files the job imports are known once it is compiled, still before the output is opened.
        if (InputFiles.ReadAsWell(output, [.. imports]) is { } import)
        {
            exitCode = ExitCodes.Usage;
            Console.Error.WriteLine($"dsl {command}: the output {output} is also a file the command reads ({import}, which the job imports); writing it would empty it first. Write the output to another file.");
            return null;
        }
        if (!AssetData.TryRead(assets, command, out var masterData))
            return null;
        var loaded = LoadedJob.Load(image, Path.GetFileNameWithoutExtension(file));
        if (!AssetData.Suits(loaded.Job.Manifest, masterData, assets, command))
        {
            loaded.Dispose();
            return null;
        }
        exitCode = ExitCodes.Success;
        return new RunnableJob(loaded, masterData);
    }

    public void Dispose() => Loaded.Dispose();
}
