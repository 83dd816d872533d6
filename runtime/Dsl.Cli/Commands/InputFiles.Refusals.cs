using Dsl.Compiler;

namespace Dsl.Cli.Commands;

/// <summary>
/// The folders and files a command creates, and the system's refusal said in a phrase, for a
/// line that names the path as the user wrote it.
/// </summary>
public static partial class InputFiles
{
    /// <summary>Creates <paramref name="folder"/> and the folders on its way; null when that worked, else why not, in a phrase.</summary>
    public static string? CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refusal(e, folder, "folders");
        }
    }

    /// <summary>
    /// Why the file <paramref name="path"/> cannot be opened for writing, else null; opening it
    /// changes nothing, but creates it empty when missing, as the writer that opens it next would.
    /// </summary>
    public static string? OpenProblem(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return WriteRefusal(e, path);
        }
    }

    /// <summary>
    /// Whether a path that exists names something that cannot be read from a position: a pipe
    /// (/dev/stdin fed by another command, a named pipe), told without opening it, which would
    /// wait for a named pipe's writer; or a device such as a terminal. False for a file, and for
    /// what cannot be opened, which the open check reports.
    /// </summary>
    public static bool IsPipe(string path)
    {
        if (!File.Exists(path))
            return false;
        if (FileIdentity.IsPipe(path))
            return true;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return !stream.CanSeek;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Why the output <paramref name="path"/> of a resumable run cannot be cut back to where a
    /// checkpoint left it (a device such as /dev/full, which takes no length), else null. Setting
    /// a file's length to what it has changes nothing.
    /// </summary>
    public static string? CutBackProblem(string path)
    {
        if (!File.Exists(path))
            return null; // made a regular file by the open check, or said to be empty or a folder
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not to be opened: the open check says why.
            return null;
        }

        using (file)
        {
            try
            {
                file.SetLength(file.Length);
                return null;
            }
            catch (Exception e) when (e is IOException or NotSupportedException)
            {
                // A device refuses the truncation; a pipe (/dev/stdout into another command) has no length.
                return "it is not a regular file, so it cannot be cut back to a checkpoint; write a resumable run's output to a file";
            }
        }
    }

    /// <summary>Why the file <paramref name="path"/> could not be written, in a phrase, given what writing it threw.</summary>
    public static string WriteRefusal(Exception e, string path) =>
        Directory.Exists(path) ? "it is a folder, not a file"
        : e is FileNotFoundException or DirectoryNotFoundException && new FileInfo(path).LinkTarget is { } target ? $"it is a symbolic link to {target}, whose folder does not exist"
        : Refusal(e, path, "files");

    /// <summary>Why the file <paramref name="path"/> could not be read, in a phrase, given what opening or reading it threw.</summary>
    public static string ReadRefusal(Exception e, string path) =>
        Directory.Exists(path) ? "it is a folder, not a file"
        : e is FileNotFoundException or DirectoryNotFoundException ? "no such file"
        : FileRefusals.Phrase(e);

    /// <summary>
    /// Why the system refused to create <paramref name="path"/>, in a phrase without the path: .NET's
    /// message repeats it made absolute, and where a file system takes no new entries (/proc says
    /// "no such file" to mkdir) it says "Could not find file", of the very path being created.
    /// </summary>
    private static string Refusal(Exception e, string path, string entries) => e switch
    {
        PathTooLongException => "the path is too long",
        FileNotFoundException or DirectoryNotFoundException => $"{NearestFolder(path)} does not allow new {entries} in it",
        _ => FileRefusals.Phrase(e),
    };

    /// <summary>The innermost folder on the way to <paramref name="path"/> that exists ("." for a relative path with none).</summary>
    private static string NearestFolder(string path)
    {
        for (string? folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
                return folder;
        }
        return Path.IsPathRooted(path) ? Path.GetPathRoot(path) ?? "." : ".";
    }
}
