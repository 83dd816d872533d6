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
    /// The steps every command that runs a job begins with: the named files exist (else a usage
    /// error), the job compiles and the asset data reads (else a user error, reasons printed).
    /// </summary>
    public static RunnableJob? Prepare(string command, string file, string input, string? assets, out int exitCode)
    {
        exitCode = ExitCodes.UserError;
        if (InputFiles.FirstMissing(file, input, assets) is { } missing)
        {
            Console.Error.WriteLine($"dsl {command}: no such file: {missing}");
            exitCode = ExitCodes.Usage;
            return null;
        }
        if (JobCompiler.Compile(file, command) is not { Assembly: { } image })
            return null;
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
