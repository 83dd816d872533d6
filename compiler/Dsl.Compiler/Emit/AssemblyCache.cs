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
/// by it).
/// </summary>
internal static class AssemblyCache
{
    private static readonly ConcurrentDictionary<string, byte[]> _memory = new();

    public static byte[]? TryGet(string key, string? directory)
    {
        if (_memory.TryGetValue(key, out var image))
            return image;
        if (directory is null)
            return null;
        try
        {
            var path = PathOf(directory, key);
            if (!File.Exists(path))
                return null;
            image = File.ReadAllBytes(path);
            // A truncated or overwritten file would only fail later, when the runtime loads it.
            return IsJobAssembly(image) ? _memory.GetOrAdd(key, image) : null;
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

    public static void Add(string key, byte[] image, string? directory)
    {
        _memory[key] = image;
        if (directory is null)
            return;
        try
        {
            Directory.CreateDirectory(directory);
            // Write then rename, so a concurrent reader never sees half a file.
            var temporary = PathOf(directory, key) + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(directory, key), overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs a compile next time.
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
