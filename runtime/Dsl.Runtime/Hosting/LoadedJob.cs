using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// A job assembly loaded into its own collectible context. Dispose it, and drop every reference to
/// <see cref="Job"/> and its instances, to let the runtime unload the code.
/// </summary>
public sealed class LoadedJob : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedJob(AssemblyLoadContext context, CompiledJob job)
    {
        _context = context;
        Job = job;
    }

    public CompiledJob Job { get; }

    /// <summary>Loads the assembly image and creates its one public <see cref="CompiledJob"/>.</summary>
    public static LoadedJob Load(byte[] image, string name)
    {
        ArgumentNullException.ThrowIfNull(image);
        var context = new JobLoadContext(name);
        try
        {
            return new LoadedJob(context, CreateJob(context, image));
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    public void Dispose() => _context.Unload();

    // Kept out of line so no reference to the job's types outlives the call on the caller's stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CompiledJob CreateJob(AssemblyLoadContext context, byte[] image)
    {
        using var stream = new MemoryStream(image);
        var assembly = context.LoadFromStream(stream);
        Type[] candidates = [.. assembly.GetExportedTypes().Where(t => !t.IsAbstract && typeof(CompiledJob).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)];
        if (candidates.Length != 1)
        {
            throw new InvalidDataException($"A job assembly must export exactly one job class with a public parameterless constructor; \"{assembly.GetName().Name}\" exports {candidates.Length}.");
        }

        return Activator.CreateInstance(candidates[0]) as CompiledJob
            ?? throw new InvalidDataException($"\"{candidates[0].FullName}\" could not be created.");
    }
}
