using Dsl.Compiler.Text;

namespace Dsl.Compiler;

/// <summary>
/// Loads the text of an imported file. The command line reads the file system; the language
/// server answers from its open documents first, so unsaved edits are seen across imports.
/// </summary>
public interface ISourceResolver
{
    /// <summary>The text at a full path, or null when there is no such file.</summary>
    SourceText? Resolve(string fullPath);

    /// <summary>
    /// Whether the full path is a directory, so that an import of one can say so rather than
    /// "not found". Resolvers that serve a set of files (a commit's snapshot) answer with
    /// <see cref="IsFolderOf"/>.
    /// </summary>
    bool IsDirectory(string fullPath) => false;

    /// <summary>
    /// Whether <paramref name="relativePath"/> (with <c>/</c> separators; <c>.</c> or empty for the
    /// root) is a folder of a set of files given by their relative paths. A set of files has no
    /// empty folders: a folder is one that holds a file.
    /// </summary>
    static bool IsFolderOf(IEnumerable<string> relativeFiles, string relativePath)
    {
        var folder = relativePath.TrimEnd('/');
        if (folder is "" or ".")
            return relativeFiles.Any();
        return relativeFiles.Any(file => file.StartsWith(folder + "/", StringComparison.Ordinal));
    }
}
