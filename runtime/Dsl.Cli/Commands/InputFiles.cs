namespace Dsl.Cli.Commands;

/// <summary>Opens the streams a command names, where "-" means stdin or stdout.</summary>
public static class InputFiles
{
    public const string Standard = "-";

    public static Stream OpenInput(string path) =>
        path == Standard ? Console.OpenStandardInput() : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);

    public static Stream OpenOutput(string? path) =>
        path is null or Standard ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);

    /// <summary>Why the first of the files that cannot be read cannot: missing, or a directory ("-" always can).</summary>
    public static string? ReadProblem(params string?[] paths)
    {
        foreach (string? path in paths)
        {
            if (path is null or Standard || File.Exists(path))
                continue;
            return Directory.Exists(path) ? $"{path} is a directory, not a file" : $"no such file: {path}";
        }

        return null;
    }

    /// <summary>The file of <paramref name="reads"/> that <paramref name="output"/> names too: opening the output would empty it.</summary>
    public static string? ReadAsWell(string? output, params string?[] reads)
    {
        if (output is null or Standard)
            return null;
        string written = Resolved(output);
        return reads.FirstOrDefault(path => path is not null and not Standard && string.Equals(Resolved(path), written, StringComparison.Ordinal));
    }

    // The file a path ends at, through symbolic links.
    private static string Resolved(string path) =>
        (File.Exists(path) ? File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName : null) ?? Path.GetFullPath(path);
}
