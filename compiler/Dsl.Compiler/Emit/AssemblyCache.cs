using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Compiled job assemblies by version (a hash of every source file and the compiler version) and
/// runtime build:
/// in this process, and optionally on disk so a second <c>dsl run</c> skips Roslyn. A damaged
/// or unreadable cache entry is ignored, never trusted over a fresh compile (and is overwritten
/// by it). On disk the cache keeps the <see cref="ImagesPerJob"/> most recently used images of
/// each job (an entry's write time is its last use), so editing a job does not fill the disk.
/// </summary>
internal static class AssemblyCache
{
    /// <summary>How many images of one job the disk cache keeps.</summary>
    internal const int ImagesPerJob = 8;

    private static readonly ConcurrentDictionary<string, byte[]> _memory = new();

    public static byte[]? TryGet(string key, string? directory)
    {
        if (_memory.TryGetValue(key, out var image))
        {
            if (directory is not null)
                MarkUsed(PathOf(directory, key));
            return image;
        }
        if (directory is null)
            return null;
        try
        {
            var path = PathOf(directory, key);
            if (!File.Exists(path))
                return null;
            image = File.ReadAllBytes(path);
            // A truncated or overwritten file would only fail later, when the runtime loads it.
            if (!IsJobAssembly(image))
                return null;
            MarkUsed(path);
            return _memory.GetOrAdd(key, image);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Caches the image of job <paramref name="job"/>, dropping that job's least recently used images beyond <see cref="ImagesPerJob"/>.</summary>
    public static void Add(string job, string key, byte[] image, string? directory)
    {
        _memory[key] = image;
        if (directory is null)
            return;
        try
        {
            Directory.CreateDirectory(directory);
            // Write then rename, so a concurrent reader never sees half a file.
            var path = PathOf(directory, key);
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, path, overwrite: true);
            DropLeastRecentlyUsed(directory, job, path);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs a compile next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Keys are "{stem}-{version}-{build}" (JobFileName), so "{stem}-" names one job's entries; a
    // quoted name with a "-" may share a prefix with another job's, whose images then count as
    // its own, costing a compile at worst. The image just written is kept whatever the file times say.
    private static void DropLeastRecentlyUsed(string directory, string job, string written)
    {
        var stale = new DirectoryInfo(directory).GetFiles(job + "-*.dll")
            .Where(f => f.Name.EndsWith(".dll", StringComparison.Ordinal) && f.FullName != Path.GetFullPath(written))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Skip(ImagesPerJob - 1);
        foreach (var file in stale)
        {
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // In use elsewhere, or already gone: the next write tries again.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static void MarkUsed(string path)
    {
        try
        {
            if (File.Exists(path))
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // A read-only cache still serves its images; they only age.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Whether a cached file is a whole job assembly: a PE image whose sections are all present and
    /// whose metadata names a generated job assembly. Anything else is compiled afresh and overwritten.
    /// </summary>
    internal static bool IsJobAssembly(byte[] image)
    {
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(image));
            if (!pe.HasMetadata)
                return false;
            foreach (var section in pe.PEHeaders.SectionHeaders)
            {
                if ((long)section.PointerToRawData + section.SizeOfRawData > image.Length)
                    return false;
            }
            var metadata = pe.GetMetadataReader();
            return metadata.IsAssembly
                && metadata.GetString(metadata.GetAssemblyDefinition().Name).StartsWith("Dsl.Jobs.", StringComparison.Ordinal);
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string PathOf(string directory, string key) => Path.Combine(directory, key + ".dll");
}
