using System.Text;
using Dsl.Compiler;
using Dsl.Compiler.Text;

namespace Dsl.Cli.Commands;

/// <summary>Expands the paths a user names (files or folders, recursively) into .stream files.</summary>
public static class SourceFiles
{
    public const string Extension = ".stream";

    /// <summary>
    /// The files in a stable order, each real file once however many arguments, folders or links
    /// lead to it, or the first path that does not exist; and, for each folder on the way that
    /// could not be listed, why (<c>cannot read the folder jobs/old: permission denied</c>), so
    /// that a check of a folder it could not read is not taken for a check of an empty one.
    /// </summary>
    public static (IReadOnlyList<string> Files, string? Missing, IReadOnlyList<string> Unreadable) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var unreadable = new List<string>();
        var seen = new HashSet<string>(StreamFileWalk.PathComparer);
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (seen.Add(StreamFileWalk.RealPath(path) ?? Path.GetFullPath(path)))
                    files.Add(path);
            }
            else if (Directory.Exists(path))
                files.AddRange(InFolder(path, seen, unreadable));
            else
                return (files, path, unreadable);
        }
        return (OncePerFile(files), null, unreadable);
    }

    /// <summary>
    /// The files without a second path to one of them: paths are compared through symbolic links
    /// above, but only the file's identity shows a hard link, which would be checked and fixed twice.
    /// </summary>
    private static List<string> OncePerFile(List<string> files)
    {
        var identities = new HashSet<string>(StringComparer.Ordinal);
        return files.Where(file => FileIdentity.Of(file) is not { } identity || identities.Add(identity)).ToList();
    }

    /// <summary>
    /// The text of a source file, or null with one line on stderr saying why it cannot be read (no
    /// permission, a read error): a user error (exit 1), never a stack trace.
    /// </summary>
    public static SourceText? Load(string file, string command)
    {
        try
        {
            return SourceText.Load(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl {command}: cannot read {file}: {InputFiles.ReadRefusal(e, file)}");
            return null;
        }
    }

    /// <summary>
    /// Writes a source file's new text, or says in one line on stderr why it cannot (read-only, a
    /// full disk) and returns false: the command goes on with its other files. The file keeps the
    /// encoding its byte order mark names (UTF-8 with one, UTF-16, UTF-32): the text read has no
    /// mark, and an editor that wrote one would otherwise see every rewrite as a change of the
    /// file's encoding, or, for UTF-16, no longer read it as it did. Without a mark it is UTF-8.
    /// </summary>
    public static bool Write(string file, string text, string command)
    {
        try
        {
            File.WriteAllText(file, text, EncodingOf(file));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dsl {command}: cannot write {file}: {InputFiles.WriteRefusal(e, file)}");
            return false;
        }
    }

    /// <summary>
    /// The first line (from 1) holding bytes that its encoding (<see cref="EncodingOf"/>) cannot
    /// decode, or null when every byte decodes: such bytes read as U+FFFD, and a rewrite would keep
    /// the U+FFFD, not the bytes.
    /// </summary>
    public static int? LineNotInItsEncoding(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        Encoding encoding = EncodingOf(file);
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            _ = strict.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            // The index counts bytes: the line breaks are those of the bytes before it, decoded.
            int at = Math.Clamp(e.Index, 0, bytes.Length);
            return 1 + encoding.GetString(bytes, 0, at).AsSpan().Count('\n');
        }
    }

    private static Encoding EncodingOf(string file)
    {
        Span<byte> start = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(file))
            read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        start = start[..read];

        // UTF-32's little-endian mark begins with UTF-16's, so it is asked first.
        foreach (Encoding encoding in (Encoding[])[new UTF32Encoding(bigEndian: false, byteOrderMark: true), new UTF32Encoding(bigEndian: true, byteOrderMark: true), Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode])
        {
            if (start.StartsWith(encoding.Preamble))
                return encoding;
        }

        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }

    /// <summary>
    /// The .stream files under a folder not <paramref name="seen"/> yet (see <see cref="StreamFileWalk"/>),
    /// named from the folder as the user wrote it.
    /// </summary>
    private static string[] InFolder(string folder, ISet<string> seen, List<string> unreadable)
    {
        var root = Path.GetFullPath(folder);
        string Shown(string path) => Path.GetRelativePath(root, path) is var relative and not "." ? Path.Join(folder, relative) : folder;
        return StreamFileWalk.Enumerate([folder], seen, CancellationToken.None, (path, e) => unreadable.Add($"cannot read the folder {Shown(path)}: {FileRefusals.Phrase(e)}"))
            .Select(Shown)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
