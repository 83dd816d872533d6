using System.Security.Cryptography;
using Dsl.Compiler;
using Dsl.Compiler.Emit;
using Dsl.Compiler.Text;
using Dsl.Daemon.Api;
using Dsl.Releases.Repository;
using Dsl.Runtime.Hosting;
using CompilerSeverity = Dsl.Compiler.Diagnostics.DiagnosticSeverity;

namespace Dsl.Daemon.Releases;

/// <summary>
/// Compiles job sources (released or inline) into loaded jobs. Sources come only from the given
/// files (imports included), never from the host's file system; the compiler emits code from the
/// checked tree against its allow-list, so inline and released jobs get the same safety.
/// </summary>
public sealed class JobBuilder
{
    private readonly string _virtualRoot;
    private readonly EmitOptions _emit;

    // Jobs loaded for the daemon's life, by the SHA-256 of their image. Every release commit deploys
    // each job file again, and an unchanged job compiles to the same image (the compiler caches by
    // source): it gets the code already loaded instead of loading it once more for good.
    private readonly Dictionary<string, LoadedJob> _resident = new(StringComparer.Ordinal);

    /// <summary>Caches assemblies in <paramref name="cacheDirectory"/>.</summary>
    public JobBuilder(string cacheDirectory)
    {
        // A root that never exists: imports can only name the given files.
        _virtualRoot = Path.Combine(Path.GetTempPath(), "dsl-release-sources");
        _emit = new EmitOptions(cacheDirectory);
    }

    /// <summary>
    /// Compiles <paramref name="path"/> of <paramref name="files"/>; the result holds the loaded job
    /// or the diagnostics. A job to run is loaded for the daemon's life, so that its code is tiered
    /// (see <see cref="LoadedJob"/>); a job only checked or previewed is loaded
    /// <paramref name="unloadable"/>, since clients can ask for any number of those. A job file
    /// must be named after its job (the daemon runs <c>jobs/NAME.stream</c> as NAME), except with
    /// <paramref name="anyJobName"/>: an inline preview runs whatever job its file declares,
    /// wherever the client's tree put it.
    /// </summary>
    public BuildResult Build(string path, IReadOnlyDictionary<string, string> files, string version, bool unloadable, bool anyJobName = false)
    {
        if (!files.TryGetValue(path, out string? text))
        {
            return new BuildResult(null, [], $"{path} is not in the sources.");
        }

        var resolver = new SnapshotSourceResolver(_virtualRoot, files);
        var compilation = Compilation.Create(SourceText.From(text, resolver.FullPath(path)), resolver);
        EmitResult result = compilation.Emit(_emit);
        var diagnostics = result.Diagnostics
            .Where(d => d.Severity != CompilerSeverity.Info)
            .OrderByDescending(d => d.IsError)
            .Select(d => Conversions.ToProto(d, _virtualRoot))
            .ToArray();
        if (result.Assembly is not { } image || compilation.Job is not { } bound)
        {
            string first = diagnostics.FirstOrDefault(d => d.Severity == Dsl.Control.V1.Severity.Error) is { } error
                ? $"{error.File}({error.Line},{error.Column}): {error.Code}: {error.Message}"
                : "the job does not compile";
            return new BuildResult(null, diagnostics, first, compilation.Job?.Alarms);
        }

        if (!anyJobName && JobPaths.JobOf(path) is { } job && JobPaths.JobFileError(job, bound.Name) is { } misnamed)
        {
            return new BuildResult(null, diagnostics, misnamed);
        }

        LoadedJob loaded = unloadable ? LoadedJob.Load(image, bound.Name, unloadable: true) : Resident(image, bound.Name);
        var compiled = new CompiledVersion(loaded, bound.Alarms, bound.Schedule, version, text);
        return new BuildResult(compiled, diagnostics, "compiled");
    }

    private LoadedJob Resident(byte[] image, string name)
    {
        string key = Convert.ToHexString(SHA256.HashData(image));
        lock (_resident)
        {
            if (!_resident.TryGetValue(key, out LoadedJob? loaded))
            {
                loaded = LoadedJob.Load(image, name);
                _resident[key] = loaded;
            }

            return loaded;
        }
    }
}
