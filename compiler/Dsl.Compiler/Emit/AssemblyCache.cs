using System.Collections.Concurrent;

namespace Dsl.Compiler.Emit;

/// <summary>
/// Compiled job assemblies by version (a hash of every source file and the compiler version):
/// in this process, and optionally on disk so a second <c>dsl run</c> skips Roslyn. A damaged
/// or unreadable cache entry is ignored, never trusted over a fresh compile.
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

    private static string PathOf(string directory, string key) => Path.Combine(directory, key + ".dll");
}
