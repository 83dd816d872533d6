using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Dsl.Runtime.Jobs;

namespace Dsl.Runtime.Hosting;

/// <summary>
/// A job assembly loaded into its own context. An unloadable job's code goes when it is disposed and
/// every reference to <see cref="Job"/> and its instances is dropped; any other job's code stays
/// for the life of the process.
/// <para>
/// The choice is a trade: the runtime gives code in collectible contexts no tiered compilation, so
/// it runs without dynamic PGO (guarded devirtualisation, hot/cold layout, inlining from profiles)
/// and calls between its methods keep going through stubs. The energy rule runs about a quarter
/// faster in a process-lifetime context. Load unloadable what is loaded without bound over a
/// process's life (previews, push checks); load process-lifetime what runs (<c>dsl run</c>, the
/// daemon's released versions: one load per release).
/// </para>
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
    public static LoadedJob Load(byte[] image, string name, bool unloadable = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        var context = new JobLoadContext(name, unloadable);
        try
        {
            return new LoadedJob(context, CreateJob(context, image));
        }
        catch
        {
            Unload(context);
            throw;
        }
    }

    public void Dispose() => Unload(_context);

    private static void Unload(AssemblyLoadContext context)
    {
        if (context.IsCollectible)
        {
            context.Unload();
        }
    }

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
