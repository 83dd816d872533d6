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
    /// "not found". Resolvers that serve only files (a commit's snapshot) have none.
    /// </summary>
    bool IsDirectory(string fullPath) => false;
}
