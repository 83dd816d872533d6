namespace Dsl.Cli.Commands;

/// <summary>Opens the streams a command names, where "-" means stdin or stdout.</summary>
public static partial class InputFiles
{
    public const string Standard = "-";

    public static Stream OpenInput(string path) =>
        path == Standard ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    /// <summary>
    /// The output file, or standard output itself: the console's stream drops what it cannot write to a
    /// closed pipe, so <c>dsl run … | head -1</c> would read the whole input for nobody and exit 0;
    /// written directly, a closed pipe fails the write and the run stops.
    /// </summary>
    public static Stream OpenOutput(string? path) =>
        path is null or Standard
            ? OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : OpenStandardOutput()
            : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    /// <summary>
    /// Standard output, written directly when it is a pipe (see <see cref="OpenOutput(string?)"/>). A
    /// file is written through the console's stream instead: a FileStream writes a file at a position
    /// of its own, so the shell's other writers to the same open file (<c>dsl … &gt; log 2&gt;&amp;1</c>,
    /// <c>{ echo …; dsl …; } &gt; log</c>) would overwrite what dsl wrote and dsl theirs. A file has no
    /// reader to go away, and the console's stream reports every other failure (a full disk).
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        var direct = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(StandardOutputHandle, ownsHandle: false), FileAccess.Write, 1);
        if (!direct.CanSeek)
        {
            return direct;
        }

        direct.Dispose();
        return Console.OpenStandardOutput();
    }

    private const nint StandardOutputHandle = 1;

    /// <summary>
    /// Opens the output as <see cref="OpenOutput(string?)"/> does; null, and why in a phrase, when
    /// the system refuses to create the file (which .NET would say of the absolute path).
    /// </summary>
    public static Stream? OpenOutput(string? path, out string? refusal)
    {
        refusal = null;
        try
        {
            return OpenOutput(path);
        }
        catch (Exception e) when (path is not null and not Standard && e is IOException or UnauthorizedAccessException)
        {
            refusal = WriteRefusal(e, path);
            return null;
        }
    }

    /// <summary>
    /// Standard output as every command prints to it (<see cref="Console.Out"/>), written as
    /// <see cref="OpenOutput"/> writes it: a reader that has gone (<c>dsl check jobs/ | head -1</c>)
    /// fails the next write with "Broken pipe" instead of letting the command print the rest for nobody.
    /// Flushed at every write, as the console's own writer is, so nothing waits in a buffer at exit.
    /// A standard output that is closed or read-only fails each write with a message that says so.
    /// </summary>
    public static TextWriter StandardOutputWriter() =>
        TextWriter.Synchronized(StandardOutputState.Problem() is { } problem
            ? new UnwritableOutput(problem)
            : new StreamWriter(OpenOutput(Standard), Console.OutputEncoding) { AutoFlush = true });

    /// <summary>
    /// Why an <c>--output</c> given as "" (<c>-o "$OUT"</c> with the variable unset) names nothing, a
    /// usage error; .NET would throw on the empty path. <paramref name="wanted"/> says what to name
    /// instead ("a folder", "a file, or - for standard output").
    /// </summary>
    public static string? EmptyOutput(string? path, string wanted) =>
        path is "" ? $"--output is empty: name {wanted}." : null;

    /// <summary>Why the first of the files that cannot be read cannot: missing, or a directory ("-" always can).</summary>
    public static string? ReadProblem(params string?[] paths) =>
        paths.Select(path => path is null or Standard ? null : FileProblem(path)).FirstOrDefault(problem => problem is not null);

    /// <summary>
    /// Why the first of the files that are there but the system will not open for reading (no
    /// permission, say) cannot be, as "cannot read FILE: REASON"; null when each opens ("-" always
    /// does). Asked before the work starts, which would otherwise stop at the file in .NET's words.
    /// A pipe is not opened to ask: that would wait for its writer, and closing it would drop the
    /// writer (<c>mkfifo in; … &gt; in &amp; dsl run job -i in</c>).
    /// </summary>
    public static string? UnreadableProblem(params string?[] paths)
    {
        foreach (string? path in paths)
        {
            if (path is null or Standard || FileIdentity.IsPipe(path))
                continue;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot read {path}: {ReadRefusal(e, path)}";
            }
        }
        return null;
    }

    /// <summary>Why a path that must name a file (a job's source, say, which is never stdin) does not: missing, or a directory.</summary>
    public static string? FileProblem(string path) =>
        path is "" ? EmptyPath("a file")
        : File.Exists(path) ? null
        : Directory.Exists(path) ? $"{path} is a directory, not a file"
        : $"no such file: {path}";

    /// <summary>Why a path that must name a folder (a data directory, say) does not: missing, or a file.</summary>
    public static string? FolderProblem(string path) =>
        path is "" ? EmptyPath("a folder")
        : Directory.Exists(path) ? null
        : File.Exists(path) ? $"{path} is a file, not a folder"
        : $"no such folder: {path}";

    /// <summary>
    /// Why a path argument given as "" (<c>"$FILE"</c> with the variable unset) names nothing: a
    /// usage error that says so, rather than "no such file: " with nothing after it.
    /// </summary>
    public static string EmptyPath(string wanted) => $"a path is empty where {wanted} belongs: name {wanted}.";

    /// <summary>
    /// Why a file cannot be created at <paramref name="path"/> for the folders on its way: one is a
    /// file, or the folder it goes in does not exist ("-", standard output, always can). .NET would
    /// say only "Could not find a part of the path", of the whole path made absolute.
    /// </summary>
    public static string? WriteProblem(string? path)
    {
        if (path is null or Standard)
            return null;
        string? folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path));
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder))
            return null;
        return FileOnTheWay(folder) is { } file
            ? $"cannot write {path}: {file} is a file, not a folder"
            : $"cannot write {path}: no such folder: {folder}";
    }

    /// <summary>The folder <paramref name="folder"/>, or one on its way, that is a file: creating it would fail with "The file … already exists".</summary>
    public static string? FileOnTheWay(string folder)
    {
        for (string? path = Path.TrimEndingDirectorySeparator(folder); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    /// <summary>The file of <paramref name="reads"/> that <paramref name="output"/> names too: opening the output would empty it.</summary>
    public static string? ReadAsWell(string? output, params string?[] reads)
    {
        if (output is null or Standard)
            return null;
        string written = Identity(output);
        return reads.FirstOrDefault(path => path is not null and not Standard && string.Equals(Identity(path), written, StringComparison.Ordinal));
    }

    // The file a path opens: by device and inode where the system tells them (a hard link too),
    // else by its full path through symbolic links. The path is made absolute first, since .NET
    // resolves a link's relative target against the root when the link's own path has no folder.
    private static string Identity(string path)
    {
        string full = Path.GetFullPath(path);
        return FileIdentity.Of(full)
            ?? (File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName : null)
            ?? full;
    }
}
